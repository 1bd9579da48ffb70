//! Defects found by probing the daemon (issue 7), each with the test that pins its fix.

use serde_json::json;

use super::support::{TestEnv, eventually};

#[test]
fn since_and_until_past_the_epoch_are_a_400_naming_the_parameter() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let auth = Some(("x-pulse-key", key.as_str()));
    for (param, value) in [("since", "99999999999h"), ("until", "99999999999h"), ("since", "600000000000000000s")] {
        let (s, _, v) = env.api("GET", &format!("/v1/webhooks/logs?{param}={value}"), auth, None);
        assert_eq!(s, 400, "{param}={value}: {v}");
        assert_eq!(v["error"]["field"], param, "{v}");
    }
    // The daemon is still there.
    assert_eq!(env.api("GET", "/v1/webhooks/logs?since=24h", auth, None).0, 200);
}

#[test]
fn replay_after_the_endpoint_is_deleted_says_so_and_leaves_the_log_as_it_was() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let auth = Some(("x-pulse-key", key.as_str()));
    let rx = env.receiver();
    let (endpoint, secret) = env.endpoint(&key, &rx.url, &[]);
    rx.trust(&secret);
    env.livekit_webhook(&json!({"event": "room_started", "id": "EV_r", "room": {"name": format!("{project}__r")}}));
    let log = eventually(5, "the delivery", || {
        let (_, _, logs) = env.api("GET", "/v1/webhooks/logs?status=delivered", auth, None);
        logs["data"].as_array().and_then(|d| d.first().cloned())
    });
    let id = log["id"].as_str().unwrap();
    assert_eq!(env.api("DELETE", &format!("/v1/webhooks/endpoints/{endpoint}"), auth, None).0, 200);
    let (s, _, v) = env.api("POST", &format!("/v1/webhooks/logs/{id}/replay"), auth, Some(b"{}".to_vec()));
    assert_eq!(s, 409, "{v}");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("endpoint") && message.contains("deleted") && message.contains("--to"), "{message}");
    let (_, _, after) = env.api("GET", &format!("/v1/webhooks/logs/{id}"), auth, None);
    assert_eq!(after["status"], "delivered", "{after}");
    assert_eq!(after["attempt_count"], 1);
    assert!(after["delivered_at"].is_string());
    // Replay to another URL still works.
    let other = env.receiver();
    let body = json!({"url": other.url}).to_string().into_bytes();
    let (s, _, r) = env.api("POST", &format!("/v1/webhooks/logs/{id}/replay"), auth, Some(body));
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["attempt"]["trigger"], "manual");
    other.wait_for(5, |g| g.len() == 1);
}

#[cfg(unix)]
#[test]
fn the_data_dir_is_private() {
    use std::os::unix::fs::PermissionsExt;
    if super::BACKEND != "sled" {
        return; // the store is not in the data dir
    }
    let env = TestEnv::start();
    let store = env.data_dir().join("db");
    let mode = std::fs::metadata(&store).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o077, 0, "{} is {mode:o}", store.display());

    // The real binary, started under umask 022 (this process's), and written to: every file
    // and directory it made is 0600/0700.
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("data");
    let token = [("PULSE_ADMIN_TOKEN", super::support::ADMIN_TOKEN)];
    let (mut child, url) = super::support::spawn_daemon(&env, &dir, &token);
    env.project_at(&url, &serde_json::json!({"name": "private"}));
    let _ = child.kill();
    let _ = child.wait();
    let mut seen = 0;
    let mut stack = vec![dir.clone()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::metadata(&p).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_dir() {
            assert_eq!(mode, 0o700, "{} is {mode:o}", p.display());
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else {
            assert_eq!(mode & 0o077, 0, "{} is {mode:o}", p.display());
            seen += 1;
        }
    }
    assert!(seen >= 2, "the store's files were looked at ({seen})");
}

#[test]
fn rtmp_keys_and_passwords_never_come_back_in_any_url_form() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &["egress_started"]);
    env.fake.set_progress(super::support::Progress::Stuck);
    let urls = [
        "rtmp://a.example/live/SECRET1/",
        "rtmp://h/SECRET2?x=1/",
        "rtmps://h/live/SECRET3#f/",
        "rtmp://user:SECRET4@h/live/k",
    ];
    let mut args = vec!["egress", "start", "--room", "r", "--output", "rtmp", "--json"];
    for u in &urls {
        args.extend(["--rtmp-url", u]);
    }
    let start = env.pulse(&key, &args);
    start.code(0);
    let e = start.json();
    let lk = e["livekit_egress_id"].as_str().unwrap().to_string();
    let id = e["egress_id"].as_str().unwrap().to_string();
    env.fake.set_egress_status(&lk, "EGRESS_ACTIVE");
    env.rt.block_on(env.state().core.reconcile_once());
    let delivered = rx.wait_for(10, |g| !g.is_empty());
    let seen = [
        start.stdout.clone(),
        env.pulse(&key, &["egress", "get", &id, "--json"]).stdout,
        env.pulse(&key, &["egress", "list", "--json"]).stdout,
        delivered[0].body.clone(),
    ];
    for (what, text) in ["start", "get", "list", "egress_started payload"].iter().zip(&seen) {
        assert!(!text.contains("SECRET"), "{what} shows a stream key or password: {text}");
    }
    assert!(seen[0].contains("rtmp://user:****@h/live/****"), "{}", seen[0]);
}

#[test]
fn a_body_with_anything_after_its_json_is_refused_and_changes_nothing() {
    let env = TestEnv::start();
    let bearer = format!("Bearer {}", super::support::ADMIN_TOKEN);
    let (s, _, v) = env.api(
        "POST",
        "/v1/projects",
        Some(("authorization", &bearer)),
        Some(br#"{"name":"a"}{"name":"b"}x"#.to_vec()),
    );
    assert_eq!(s, 400, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("one JSON object"), "{v}");
    let (_, _, list) = env.api("GET", "/v1/projects", Some(("authorization", &bearer)), None);
    assert_eq!(list["pagination"]["total"], 0, "{list}");
}

#[test]
fn an_empty_admin_token_never_opens_the_admin_api() {
    let env = TestEnv::start();
    // A daemon whose admin token file is empty or blank refuses to start, saying why.
    for content in ["", "   \n", "short"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("admin_token"), content).unwrap();
        let out = env
            .cmd(&["daemon", "--listen", "127.0.0.1:0", "--data-dir", dir.path().to_str().unwrap()])
            .env("PULSE_STORE_BACKEND", "sled")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{content:?}: {err}");
        assert!(err.contains("shorter than 16 characters"), "{content:?}: {err}");
    }
    // `Authorization: Bearer ` is no credential, over HTTP/1.1 and over h2c alike; a key that
    // is not ASCII is a wrong key (401), not a bad request.
    for h2 in [false, true] {
        let mut b = reqwest::Client::builder();
        if h2 {
            b = b.http2_prior_knowledge();
        }
        let client = b.build().unwrap();
        let (status, body) = env.rt.block_on(async {
            let r = client
                .post(format!("{}/v1/projects", env.url))
                .header("authorization", "Bearer ")
                .header("content-type", "application/json")
                .body(r#"{"name":"x"}"#)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        });
        assert_eq!(status, 401, "h2={h2}: {body}");
        assert!(body.contains("missing"), "an empty credential is no credential; h2={h2}: {body}");
        let status = env.rt.block_on(async {
            let r = client
                .get(format!("{}/v1/media/egress", env.url))
                .header("x-pulse-key", reqwest::header::HeaderValue::from_bytes(b"pulse_key_\xff\xfe").unwrap())
                .send()
                .await
                .unwrap();
            r.status().as_u16()
        });
        assert_eq!(status, 401, "h2={h2}: a non-ASCII key");
    }
}

#[test]
fn ingress_pull_urls_obey_the_address_policy() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    for url in ["http://169.254.169.254/latest/meta-data/", "srt://10.0.0.5:9000", "http://[::ffff:10.0.0.1]/x"] {
        let body = json!({"ingress_type": "url", "room_name": "r", "participant_name": "cam", "url": url});
        let (s, _, v) = env.api(
            "POST",
            "/v1/media/ingress/create",
            Some(("x-pulse-key", &key)),
            Some(body.to_string().into_bytes()),
        );
        assert_eq!(s, 400, "{url}: {v}");
        assert_eq!(v["error"]["field"], "url", "{v}");
    }
    assert!(env.fake.requests_to("CreateIngress").is_empty(), "nothing reached LiveKit");
    // (A method a route does not take is a 405 that says so, not an invalid argument.)
    let (s, _, v) = env.api("DELETE", "/v1/media/ingress", Some(("x-pulse-key", &key)), None);
    assert_eq!((s, v["error"]["code"].as_str()), (405, Some("method_not_allowed")), "{v}");
}

#[test]
fn rotating_in_a_loop_keeps_a_few_retired_secrets_not_all_of_them() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let rx = env.receiver();
    let (id, _) = env.endpoint(&key, &rx.url, &[]);
    let mut newest = Vec::new();
    for _ in 0..20 {
        let (s, _, v) = env.api(
            "POST",
            &format!("/v1/webhooks/endpoints/{id}/rotate-secret"),
            Some(("x-pulse-key", &key)),
            Some(b"{}".to_vec()),
        );
        assert_eq!(s, 200, "{v}");
        newest.push(v["secret"].as_str().unwrap().to_string());
    }
    rx.trust(newest.last().unwrap());
    let (s, _, v) = env.api(
        "POST",
        "/v1/webhooks/test",
        Some(("x-pulse-key", &key)),
        Some(br#"{"event": "room_started"}"#.to_vec()),
    );
    assert_eq!(s, 201, "{v}");
    let got = rx.wait_for(10, |g| !g.is_empty());
    let signatures = got[0].header("webhook-signature").unwrap().split(' ').count();
    assert_eq!(signatures, 4, "the current secret and the three most recently retired sign");
    assert!(got[0].standard_ok, "the current secret signs");
}

#[test]
fn endpoint_updates_racing_each_other_lose_nothing() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    let client = pulse::http_client(std::time::Duration::from_secs(10));
    let call = |method: &str, path: String, body: &'static str| {
        let req = client
            .request(method.parse().unwrap(), format!("{}{path}", env.url))
            .header("x-pulse-key", &key)
            .header("content-type", "application/json")
            .body(body);
        async move {
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            (status, r.json::<serde_json::Value>().await.unwrap_or_default())
        }
    };
    let store = env.state().core.store.clone();
    for round in 0..25 {
        // PATCH beside DELETE: a deleted endpoint stays deleted.
        let (id, _) = env.endpoint(&key, &rx.url, &[]);
        let path = format!("/v1/webhooks/endpoints/{id}");
        let (patched, deleted) = env.rt.block_on(async {
            tokio::join!(call("PATCH", path.clone(), r#"{"description": "x"}"#), call("DELETE", path.clone(), ""))
        });
        assert_eq!(deleted.0, 200, "round {round}: {deleted:?}");
        assert!(matches!(patched.0, 200 | 404), "round {round}: {patched:?}");
        let left = env.rt.block_on(store.endpoint(&project.as_str().into(), &id.as_str().into())).unwrap();
        assert!(left.is_none(), "round {round}: the deleted endpoint came back");

        // PATCH beside rotate-secret: the rotation holds.
        let (id, _) = env.endpoint(&key, &rx.url, &[]);
        let path = format!("/v1/webhooks/endpoints/{id}");
        let (patched, rotated) = env.rt.block_on(async {
            tokio::join!(
                call("PATCH", path.clone(), r#"{"description": "y"}"#),
                call("POST", format!("{path}/rotate-secret"), "{}")
            )
        });
        assert_eq!((patched.0, rotated.0), (200, 200), "round {round}");
        let now = env.rt.block_on(store.endpoint(&project.as_str().into(), &id.as_str().into())).unwrap().unwrap();
        assert_eq!(now.current_secret(), rotated.1["secret"].as_str(), "round {round}: the rotation was lost");
        assert_eq!(now.description.as_deref(), Some("y"), "round {round}: the patch was lost");
    }
}

#[test]
fn a_hanging_tenant_does_not_delay_a_healthy_one() {
    use super::support::receiver::Behaviour;
    use std::time::{Duration, Instant};
    let env = TestEnv::start_with(Box::new(|c, _| {
        c.webhooks.timeout = "5s".into();
        c.webhooks.max_in_flight = 32;
        c.webhooks.max_in_flight_per_project = 8;
    }));
    // Tenant X: 16 endpoints at a receiver that never answers in time, 20 events each.
    let (_, x) = env.project("x");
    let hang = env.receiver();
    hang.script(&vec![Behaviour::Hang(Duration::from_secs(30)); 400]);
    for _ in 0..16 {
        env.endpoint(&x, &hang.url, &[]);
    }
    for _ in 0..20 {
        let (s, _, v) = env.api(
            "POST",
            "/v1/webhooks/test",
            Some(("x-pulse-key", &x)),
            Some(br#"{"event": "room_started"}"#.to_vec()),
        );
        assert_eq!(s, 201, "{v}");
    }
    eventually(10, "X's attempts under way", || (hang.got().len() >= 8).then_some(()));
    // Tenant Y: one healthy endpoint, one event.
    let (_, y) = env.project("y");
    let ok = env.receiver();
    env.endpoint(&y, &ok.url, &[]);
    let sent = Instant::now();
    let (s, _, _) =
        env.api("POST", "/v1/webhooks/test", Some(("x-pulse-key", &y)), Some(br#"{"event": "room_started"}"#.to_vec()));
    assert_eq!(s, 201);
    ok.wait_for(10, |g| !g.is_empty());
    let took = sent.elapsed();
    assert!(took < Duration::from_secs(2), "Y's delivery took {took:?} behind X's hanging endpoints");
    assert!(hang.got().len() <= 8, "X holds at most its project's share of the slots: {}", hang.got().len());
}

/// Reads what the server sends until it closes the connection or `secs` pass; `None` when it
/// was still open then.
fn read_until_closed(s: &mut std::net::TcpStream, secs: u64) -> Option<String> {
    use std::io::Read;
    s.set_read_timeout(Some(std::time::Duration::from_secs(secs))).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(String::from_utf8_lossy(&out).into_owned()),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(String::from_utf8_lossy(&out).into_owned());
            }
            Err(_) => return None,
        }
    }
}

#[test]
fn slow_idle_and_unauthenticated_connections_are_cut_off() {
    use std::io::Write;
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let env = TestEnv::start_with(Box::new(|c, _| {
        c.daemon.header_timeout = "1s".into();
        c.daemon.idle_timeout = "3s".into();
        c.daemon.body_timeout = "1s".into();
        c.daemon.max_connections = 8;
    }));
    let (_, key) = env.project("a");
    let addr = env.url.trim_start_matches("http://").to_string();

    // Half-sent headers: closed at the header timeout, not the idle one.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n").unwrap();
    let t = Instant::now();
    assert!(read_until_closed(&mut s, 10).is_some());
    assert!(t.elapsed() < Duration::from_millis(2500), "half-sent headers held {:?}", t.elapsed());

    // An idle keep-alive connection: closed at the idle timeout.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n").unwrap();
    let t = Instant::now();
    let answered = read_until_closed(&mut s, 10).expect("closed");
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
    assert!(t.elapsed() < Duration::from_secs(5), "idle connection held {:?}", t.elapsed());

    // Half a body from a valid caller: 408 at the body timeout.
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "POST /v1/webhooks/endpoints HTTP/1.1\r\nhost: x\r\nx-pulse-key: {key}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"url\""
    )
    .unwrap();
    let t = Instant::now();
    let answered = read_until_closed(&mut s, 10).unwrap_or_default();
    assert!(answered.starts_with("HTTP/1.1 408"), "{answered}");
    assert!(t.elapsed() < Duration::from_millis(2500));

    // No credential: refused at once, before any of the (large) body is sent.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(
        b"POST /v1/projects HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000000\r\n\r\n",
    )
    .unwrap();
    let t = Instant::now();
    let answered = read_until_closed(&mut s, 10).unwrap_or_default();
    assert!(answered.starts_with("HTTP/1.1 401"), "{answered}");
    assert!(t.elapsed() < Duration::from_millis(900), "the 401 waited for the body: {:?}", t.elapsed());

    // Over the connection cap, a new connection waits for a slot.
    let held: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(&addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut extra = TcpStream::connect(&addr).unwrap();
    extra.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").unwrap();
    assert!(read_until_closed(&mut extra, 1).is_none(), "served beyond the cap");
    drop(held);
    let answered = read_until_closed(&mut extra, 10).expect("served once a slot is free");
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
}

#[test]
fn long_or_control_character_text_is_refused_naming_the_field() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let long_url = format!("http://127.0.0.1/{}", "a".repeat(100_000));
    let cases = [
        ("/v1/webhooks/endpoints", json!({"url": long_url}), "url"),
        (
            "/v1/webhooks/endpoints",
            json!({"url": "http://127.0.0.1/x", "description": "a\nforged log line"}),
            "description",
        ),
        ("/v1/rooms/token", json!({"room_name": "r", "identity": "x".repeat(100_000)}), "identity"),
        ("/v1/rooms/token", json!({"room_name": "r", "identity": "viewer\u{1b}[31m"}), "identity"),
    ];
    for (path, body, field) in cases {
        let (s, _, v) = env.api("POST", path, Some(("x-pulse-key", &key)), Some(body.to_string().into_bytes()));
        assert_eq!((s, v["error"]["field"].as_str()), (400, Some(field)), "{path}: {v}");
    }
    let (_, _, list) = env.api("GET", "/v1/webhooks/endpoints", Some(("x-pulse-key", &key)), None);
    assert_eq!(list["data"].as_array().unwrap().len(), 0, "nothing was created");
}

#[test]
fn status_shows_a_project_its_own_delivery_figures() {
    let env = TestEnv::start();
    let (_, a) = env.project("a");
    let (_, b) = env.project("b");
    let rx = env.receiver();
    env.endpoint(&b, &rx.url, &[]);
    let (s, _, _) =
        env.api("POST", "/v1/webhooks/test", Some(("x-pulse-key", &b)), Some(br#"{"event": "room_started"}"#.to_vec()));
    assert_eq!(s, 201);
    rx.wait_for(10, |g| !g.is_empty());
    let delivered = |auth: (&str, &str)| {
        eventually(10, "the delivery recorded", || {
            let (_, _, v) = env.api("GET", "/v1/status", Some(auth), None);
            v["webhooks"]["delivered"].as_u64()
        })
    };
    eventually(10, "B's delivery recorded", || {
        let (_, _, v) = env.api("GET", "/v1/status", Some(("x-pulse-key", &b)), None);
        (v["webhooks"]["delivered"] == 1).then_some(())
    });
    assert_eq!(delivered(("x-pulse-key", &a)), 0, "A sees its own figures, not the daemon's");
    let bearer = format!("Bearer {}", super::support::ADMIN_TOKEN);
    assert_eq!(delivered(("authorization", &bearer)), 1, "the admin token sees the daemon's");
}
