//! CLI behaviour that needs no LiveKit: usage errors, an unreachable control plane, closed
//! pipes, contexts and which source wins.

use std::process::Stdio;

use super::support::{TestEnv, closed_port_url};

#[test]
fn usage_errors_are_exit_2_and_help_lists_exit_codes() {
    let env = TestEnv::start();
    env.pulse("k", &["egress", "start", "--output", "hls"]).code(2);
    env.pulse("k", &["egress", "start", "--room", "r", "--output", "dash"]).code(2);
    env.pulse("k", &["nope"]).code(2);
    let help = env.pulse("k", &["--help"]);
    help.code(0);
    assert!(help.stdout.contains("Exit codes:") && help.stdout.contains("8  --wait timed out"), "{}", help.stdout);
}

#[test]
fn unreachable_control_plane_is_exit_3_with_a_hint() {
    let env = TestEnv::start();
    let url = closed_port_url();
    let run = env.pulse_env(&[("PULSE_URL", &url), ("PULSE_API_KEY", "pulse_key_x")], &["egress", "list"]);
    run.code(3);
    assert!(
        run.stderr.starts_with(&format!("pulse: error: cannot reach the control plane at {url}")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: is `pulse daemon` running? start it with `pulse daemon`"), "{}", run.stderr);
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    for n in 0..3 {
        env.pulse(&key, &["egress", "start", "--room", &format!("r{n}"), "--output", "hls"]).code(0);
    }
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader); // every write to stdout now fails with EPIPE
    let status = env
        .cmd(&["egress", "list"])
        .env("PULSE_URL", &env.url)
        .env("PULSE_API_KEY", &key)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    assert!(status.stderr.is_empty(), "{}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn contexts_and_source_precedence() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    env.pulse_env(&[], &["context", "add", "local", "--url", &env.url, "--api-key", &key]).code(0);
    env.pulse_env(&[], &["context", "add", "other", "--url", "http://127.0.0.1:9", "--api-key", "pulse_key_other"])
        .code(0);
    let list = env.pulse_env(&[], &["context", "list", "--json"]).json();
    assert_eq!(list[0]["name"], "local");
    assert_eq!(list[0]["current"], true, "the first context added becomes current");
    assert!(!list.to_string().contains(&key));
    env.pulse_env(&[], &["egress", "list"]).code(0);
    // env beats context; flag beats env
    let shown = env.pulse_env(&[("PULSE_URL", "http://127.0.0.1:7")], &["context", "show", "--json"]).json();
    assert_eq!(
        (shown["url"].as_str(), shown["url_source"].as_str()),
        (Some("http://127.0.0.1:7"), Some("environment"))
    );
    assert_eq!(shown["api_key_source"], "context");
    let shown = env
        .pulse_env(
            &[("PULSE_URL", "http://127.0.0.1:7")],
            &["context", "show", "--url", "http://127.0.0.1:8", "--json"],
        )
        .json();
    assert_eq!((shown["url"].as_str(), shown["url_source"].as_str()), (Some("http://127.0.0.1:8"), Some("flag")));
    // --context picks another; -v says where things came from
    let run = env.pulse_env(&[], &["--context", "other", "egress", "list", "-v"]);
    run.code(3);
    assert!(run.stderr.contains("pulse: url http://127.0.0.1:9 (from context)"), "{}", run.stderr);
    assert!(run.stderr.contains("pulse: context other (from flag)"), "{}", run.stderr);
    env.pulse_env(&[], &["--context", "missing", "egress", "list"]).code(2);
    env.pulse_env(&[], &["context", "use", "other"]).code(0);
    env.pulse_env(&[], &["egress", "list"]).code(3);
    env.pulse_env(&[], &["context", "remove", "other"]).code(0);
    let shown = env.pulse_env(&[], &["context", "show", "--json"]).json();
    assert_eq!((shown["url"].as_str(), shown["url_source"].as_str()), (Some("http://127.0.0.1:8081"), Some("default")));
}

#[test]
fn quiet_prints_only_ids_and_table_is_default() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let q = env.pulse(&key, &["ingress", "create", "--room", "r", "--type", "rtmp", "--participant", "p", "-q"]);
    q.code(0);
    assert!(q.stdout.starts_with("in_") && q.stdout.lines().count() == 1, "{}", q.stdout);
    assert!(q.stderr.is_empty(), "-q silences status lines: {}", q.stderr);
    let table = env.pulse(&key, &["ingress", "get", q.stdout.trim()]);
    assert!(table.stdout.contains("INGRESS_ID") && table.stdout.contains("RTMP_STREAM_KEY"), "{}", table.stdout);
}
