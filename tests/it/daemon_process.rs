//! `pulse daemon` as a real process: startup, the data-dir lock, SIGTERM, --check-config.

use std::time::{Duration, Instant};

use super::support::{TestEnv, spawn_daemon};

#[test]
fn daemon_serves_generates_an_admin_token_and_exits_0_on_sigterm() {
    let env = TestEnv::start();
    let dir = tempfile::tempdir().unwrap();
    let (child, url) = spawn_daemon(&env, dir.path(), &[]);
    let token_file = dir.path().join("admin_token");
    let token = std::fs::read_to_string(&token_file).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&token_file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let run =
        env.pulse_env(&[("PULSE_URL", &url), ("PULSE_ADMIN_TOKEN", token.trim())], &["projects", "create", "x", "-q"]);
    run.code(0);

    // A second daemon on the same embedded store is refused with a clear message. (On
    // PostgreSQL several daemons share the store by design: `cluster.rs` tests that.)
    if super::BACKEND == "sled" {
        let second = env
            .cmd(&["daemon", "--listen", "127.0.0.1:0", "--data-dir", dir.path().to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(second.status.code(), Some(1));
        let err = String::from_utf8_lossy(&second.stderr);
        assert!(err.contains("is in use by another pulse daemon"), "{err}");
    }

    // A connected event stream (`webhooks listen`) must not hold shutdown up.
    let created = env
        .pulse_env(&[("PULSE_URL", &url), ("PULSE_ADMIN_TOKEN", token.trim())], &["projects", "create", "y", "--json"]);
    let api_key = created.json()["api_key"].as_str().unwrap().to_string();
    let mut listen = env.listen(&url, &api_key, "http://127.0.0.1:9/");

    let started = Instant::now();
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "SIGTERM is a clean exit");
    assert!(started.elapsed() < Duration::from_secs(5), "shutdown took {:?}", started.elapsed());
    let _ = listen.kill();
    let _ = listen.wait();
}

#[test]
fn check_config_validates_and_names_the_key() {
    let env = TestEnv::start();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "[livekit]\nurl = \"wss://lk.example.com\"\n").unwrap();
    let run = env.pulse_env(&[], &["daemon", "--config", good.to_str().unwrap(), "--check-config"]);
    run.code(0);
    assert!(run.stderr.contains("configuration is valid"), "{}", run.stderr);
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[storage]\nprovider = \"r2\"\nbucket = \"media\"\naccess_key_id = \"a\"\nsecret_access_key = \"b\"\n",
    )
    .unwrap();
    let run = env.pulse_env(&[], &["daemon", "--config", bad.to_str().unwrap(), "--check-config"]);
    run.code(1);
    assert!(run.stderr.contains("storage.endpoint") && !run.stderr.contains("\"b\""), "{}", run.stderr);
    let run = env.pulse_env(&[("PULSE_DAEMON_LISTEN", "nowhere")], &["daemon", "--check-config"]);
    run.code(1);
    assert!(run.stderr.contains("daemon.listen"), "{}", run.stderr);
    env.pulse_env(&[], &["daemon", "--config", "/no/such/file.toml", "--check-config"]).code(1);
}

#[test]
fn a_store_url_that_does_not_work_is_one_line_naming_the_key() {
    let env = TestEnv::start();
    let dir = tempfile::tempdir().unwrap();
    for (url, says) in [
        ("postgres://pulse:hunter2@127.0.0.1:1/pulse", "cannot connect to pulse@127.0.0.1:1/pulse"),
        ("mysql://pulse:hunter2@127.0.0.1/pulse", "must be a postgres:// URL"),
        ("postgres://pulse:hunter2@127.0.0.1:5432/pulse?sslmode=nonsense", "not a PostgreSQL URL"),
    ] {
        let out = env
            .cmd(&["daemon", "--listen", "127.0.0.1:0", "--data-dir", dir.path().to_str().unwrap()])
            .env("PULSE_STORE_BACKEND", "postgres")
            .env("PULSE_STORE_URL", url)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{url}: {err}");
        assert!(err.contains("store.url") && err.contains(says), "{url}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(!err.contains("hunter2"), "the password is never printed: {err}");
    }
}
