//! `pulse webhooks …` end to end: endpoints, logs, show, replay (one and bulk), test,
//! verify, listen and logs --follow.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::Duration;

use serde_json::json;

use super::support::receiver::Behaviour;
use super::support::{TestEnv, eventually};

#[test]
fn endpoints_logs_show_replay_and_test_through_the_cli() {
    let env = TestEnv::start_with(Box::new(|c, _| c.webhooks.retry_schedule = vec![]));
    let (_, key) = env.project("a");
    let rx = env.receiver();
    let add =
        env.pulse(&key, &["webhooks", "endpoints", "add", &rx.url, "--events", "room_started,room_ended", "--json"]);
    add.code(0);
    let ep = add.json();
    let secret = ep["secret"].as_str().unwrap().to_string();
    rx.trust(&secret);
    assert_eq!(ep["events"], json!(["room_started", "room_ended"]));
    let list = env.pulse(&key, &["webhooks", "endpoints", "list", "--json"]);
    assert!(!list.stdout.contains(&secret), "list never shows secrets");
    env.pulse(&key, &["webhooks", "endpoints", "add", "http://10.1.2.3/x"]).code(6);

    // A test event that fails once (no retries configured): failed, then replayed.
    rx.script(&[Behaviour::Status(500)]);
    let t = env.pulse(&key, &["webhooks", "test", "room_started", "--json"]);
    t.code(0);
    let log_id = t.json()[0]["id"].as_str().unwrap().to_string();
    eventually(5, "the test delivery to fail", || {
        (env.pulse(&key, &["webhooks", "logs", "--status", "failed", "-q"]).stdout.trim() == log_id).then_some(())
    });
    let logs = env.pulse(&key, &["webhooks", "logs", "--since", "24h"]);
    assert!(logs.stdout.contains("LOG ID") && logs.stdout.contains(&log_id), "{}", logs.stdout);
    let show = env.pulse(&key, &["webhooks", "show", &log_id]);
    show.code(0);
    assert!(show.stdout.contains("answered 500") || show.stdout.contains("http_status"), "{}", show.stdout);
    let detail = env.pulse(&key, &["webhooks", "show", &log_id, "--json"]).json();
    assert_eq!(detail["attempts"][0]["status_code"], 500);
    assert_eq!(detail["payload"]["event"], "room_started");

    let r = env.pulse(&key, &["webhooks", "replay", &log_id, "--json"]);
    r.code(0);
    assert_eq!(r.json()["log"]["status"], "delivered");
    assert_eq!(r.json()["attempt"]["trigger"], "manual");
    rx.script(&[Behaviour::Status(503)]);
    let r = env.pulse(&key, &["webhooks", "replay", &log_id]);
    r.code(1);
    assert!(r.stderr.contains("HTTP 503"), "{}", r.stderr);

    // Bulk replay: dry run lists, no --yes off a terminal refuses, --yes replays.
    rx.script(&[Behaviour::Status(500), Behaviour::Status(500)]);
    env.pulse(&key, &["webhooks", "test", "room_ended"]).code(0);
    env.pulse(&key, &["webhooks", "test", "room_started"]).code(0);
    eventually(5, "two failed deliveries", || {
        (env.pulse(&key, &["webhooks", "logs", "--status", "failed", "-q"]).stdout.lines().count() >= 2).then_some(())
    });
    let dry = env.pulse(&key, &["webhooks", "replay", "--status", "failed", "--since", "1h", "--dry-run", "--json"]);
    dry.code(0);
    assert_eq!(dry.json().as_array().unwrap().len(), 2);
    let before = rx.got().len();
    env.pulse(&key, &["webhooks", "replay", "--status", "failed"]).code(2);
    assert_eq!(rx.got().len(), before, "nothing sent without confirmation");
    let bulk = env.pulse(&key, &["webhooks", "replay", "--status", "failed", "--yes", "--json"]);
    bulk.code(0);
    assert_eq!(bulk.json(), json!({"replayed": 2, "delivered": 2, "failed": 0}));
    assert!(bulk.stderr.contains("Replayed 2: 2 delivered, 0 failed"), "{}", bulk.stderr);

    // verify: a captured delivery checks out; a changed body does not, and says why.
    let captured = rx.got().pop().unwrap();
    let mut args = vec!["webhooks".to_string(), "verify".into(), "--secret".into(), secret.clone()];
    for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        args.push("-H".into());
        args.push(format!("{name}: {}", captured.header(name).unwrap()));
    }
    let run_verify = |body: &str| {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child =
            env.cmd(&argv).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(body.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = run_verify(&captured.body);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("valid: webhook-signature"));
    let bad = run_verify(&captured.body.replace("room", "r00m"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("body was changed"));

    let ep_id = ep["endpoint_id"].as_str().unwrap();
    let rot = env.pulse(&key, &["webhooks", "endpoints", "rotate-secret", ep_id, "--grace", "1h", "--json"]);
    rot.code(0);
    assert_ne!(rot.json()["secret"], secret.as_str());
    env.pulse(&key, &["webhooks", "endpoints", "remove", ep_id]).code(0);
    env.pulse(&key, &["webhooks", "endpoints", "remove", ep_id]).code(5);
}

#[test]
fn listen_forwards_signed_events_and_logs_follow_streams_json_lines() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let local = env.receiver();
    let secret = env.pulse(&key, &["webhooks", "listen", "--forward-to", &local.url, "--print-secret"]);
    secret.code(0);
    let secret = secret.stdout.trim().to_string();
    assert!(secret.starts_with("whsec_"));
    local.trust(&secret);
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &[]);

    let spawn = |args: &[&str]| {
        env.cmd(args)
            .env("PULSE_URL", &env.url)
            .env("PULSE_API_KEY", &key)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut listen = spawn(&["webhooks", "listen", "--forward-to", &local.url]);
    let mut follow = spawn(&["webhooks", "logs", "--follow", "--json"]);
    std::thread::sleep(Duration::from_millis(700)); // both connected
    env.livekit_webhook(&json!({"event": "room_started", "id": "EV_l", "room": {"name": format!("{project}__r")}}));

    let got = local.wait_for(10, |g| !g.is_empty());
    assert!(got[0].standard_ok && got[0].pulse_ok, "forwarded events are signed with the listen secret");
    assert_eq!(got[0].json["event"], "room_started");
    let mut lines = BufReader::new(listen.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    assert!(first.starts_with("--> room_started [evt_"), "{first}");
    assert!(second.starts_with("<-- [200] POST ") && second.contains(&local.url), "{second}");

    let mut lines = BufReader::new(follow.stdout.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    let log: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(log["event"], "room_started");
    for mut c in [listen, follow] {
        let _ = c.kill();
        let _ = c.wait();
    }
}
