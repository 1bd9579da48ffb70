//! Webhooks end to end: LiveKit's signed webhooks in, pulse's signed deliveries out, with
//! retries, 410, timeouts, replay, exactly-once events and the SSRF guard.

use serde_json::{Value, json};

use super::support::receiver::{Behaviour, livekit_token, now};
use super::support::{Progress, TestEnv, eventually};

fn count(got: &[super::support::receiver::Received], event: &str) -> usize {
    got.iter().filter(|r| r.json["event"] == event).count()
}

fn egress_webhook(id: &str, event: &str, lk_egress: &str, room: &str, status: &str) -> Value {
    json!({
        "event": event, "id": id, "createdAt": now().to_string(),
        "room": {"sid": "RM_1", "name": room},
        "egressInfo": {"egressId": lk_egress, "roomName": room, "status": status,
            "startedAt": "1767225600123456789", "endedAt": if status == "EGRESS_COMPLETE" { "1767229200123456789" } else { "0" },
            "segmentResults": [{"playlistName": "index.m3u8", "duration": "3600000000000", "size": "123456789",
                "playlistLocation": "https://bucket/index.m3u8", "segmentCount": "600"}]},
        "someFutureField": {"x": 1}
    })
}

#[test]
fn livekit_signature_matrix() {
    let env = TestEnv::start();
    let (project, _) = env.project("a");
    let body =
        json!({"event": "room_started", "id": "EV_sig", "room": {"sid": "RM_1", "name": format!("{project}__r")}});
    let bytes = body.to_string().into_bytes();
    let n = now();
    let post = |auth: Option<String>, b: &[u8]| {
        env.api("POST", "/v1/webhooks/livekit", auth.as_deref().map(|a| ("authorization", a)), Some(b.to_vec())).0
    };
    let good = livekit_token("devkey", "secret", &bytes, n, n + 300);
    let cases = [
        ("tampered body", Some(good.clone()), br#"{"event":"room_started","id":"EV_x"}"#.to_vec()),
        ("wrong secret", Some(livekit_token("devkey", "other", &bytes, n, n + 300)), bytes.clone()),
        ("wrong issuer", Some(livekit_token("otherkey", "secret", &bytes, n, n + 300)), bytes.clone()),
        ("expired", Some(livekit_token("devkey", "secret", &bytes, n - 600, n - 120)), bytes.clone()),
        ("not yet valid", Some(livekit_token("devkey", "secret", &bytes, n + 120, n + 600)), bytes.clone()),
        ("missing header", None, bytes.clone()),
        ("garbage token", Some("not.a.jwt".into()), bytes.clone()),
    ];
    for (what, auth, b) in cases {
        assert_eq!(post(auth, &b), 401, "{what} must be refused");
    }
    // Nothing was stored: the first valid delivery of EV_sig is new, not a duplicate.
    assert_eq!(post(Some(good.clone()), &bytes), 200);
    assert_eq!(post(Some(format!("Bearer {good}")), &bytes), 200, "Bearer prefix accepted (and deduplicated)");
    let st = env.state();
    assert_eq!(st.core.metrics.rejected_signatures.load(std::sync::atomic::Ordering::Relaxed), 7);
    assert_eq!(st.core.metrics.duplicates.load(std::sync::atomic::Ordering::Relaxed), 1);
    assert_eq!(st.core.metrics.events.load(std::sync::atomic::Ordering::Relaxed), 1);
    // Within the 60 s leeway is fine.
    let late =
        json!({"event": "room_finished", "id": "EV_late", "room": {"sid": "RM_1", "name": format!("{project}__r")}});
    let lb = late.to_string().into_bytes();
    assert_eq!(post(Some(livekit_token("devkey", "secret", &lb, n - 400, n - 30)), &lb), 200);
}

#[test]
fn egress_events_are_delivered_signed_exactly_once_per_transition() {
    let env = TestEnv::start();
    let (project, key) = env.project("acme");
    let rx = env.receiver();
    let (_, secret) = env.endpoint(&key, &rx.url, &[]);
    rx.trust(&secret);
    env.fake.set_progress(Progress::Stuck);
    let e = env
        .pulse(&key, &["egress", "start", "--room", "live", "--output", "hls", "--filename", "show", "--json"])
        .json();
    let lk = e["livekit_egress_id"].as_str().unwrap();
    let room = format!("{project}__live");
    assert_eq!(env.livekit_webhook(&egress_webhook("EV_1", "egress_updated", lk, &room, "EGRESS_ACTIVE")), 200);
    assert_eq!(
        env.livekit_webhook(&egress_webhook("EV_1", "egress_updated", lk, &room, "EGRESS_ACTIVE")),
        200,
        "duplicate acked"
    );
    assert_eq!(env.livekit_webhook(&egress_webhook("EV_2", "egress_ended", lk, &room, "EGRESS_COMPLETE")), 200);
    rx.wait_for(10, |g| g.len() >= 3);
    std::thread::sleep(std::time::Duration::from_millis(300)); // nothing more may arrive
    let got = rx.got();
    assert_eq!(got.len(), 3, "{:#?}", got.iter().map(|r| &r.json["event"]).collect::<Vec<_>>());
    assert_eq!(
        (count(&got, "egress_started"), count(&got, "egress_ended"), count(&got, "recording_available")),
        (1, 1, 1)
    );
    for r in &got {
        assert!(r.standard_ok && r.pulse_ok, "both signatures verify: {:?}", r.headers);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("x-pulse-event"), r.json["event"].as_str());
        assert_eq!(r.header("webhook-id"), r.json["id"].as_str(), "webhook-id is the event id");
        assert!(r.header("user-agent").unwrap().starts_with("pulse-webhooks/"));
        assert_eq!(r.json["project_id"], project.as_str());
        assert_eq!(r.json["room_name"], "live");
    }
    let started = got.iter().find(|r| r.json["event"] == "egress_started").unwrap();
    assert_eq!(started.json["livekit_event_id"], "EV_1");
    assert_eq!(started.json["data"]["egress"]["status"], "active");
    let rec = &got.iter().find(|r| r.json["event"] == "recording_available").unwrap().json["data"]["recording"];
    assert_eq!(rec["playlist_url"], format!("https://cdn.test/{project}/hls/show/index.m3u8"));
    assert_eq!((rec["duration_seconds"].as_f64(), rec["size_bytes"].as_i64()), (Some(3600.0), Some(123456789)));
    // The record followed the webhooks.
    let now = env.pulse(&key, &["egress", "get", e["egress_id"].as_str().unwrap(), "--json"]).json();
    assert_eq!(now["status"], "ended");
    // Logs: three delivered, newest first, with attempts.
    let (_, _, logs) = env.api("GET", "/v1/webhooks/logs", Some(("x-pulse-key", &key)), None);
    assert_eq!(logs["pagination"]["total"], 3);
    assert!(logs["data"].as_array().unwrap().iter().all(|l| l["status"] == "delivered" && l["attempt_count"] == 1));
}

#[test]
fn retries_follow_the_schedule_then_deliver() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    let (endpoint, secret) = env.endpoint(&key, &rx.url, &["room_started"]);
    rx.trust(&secret);
    rx.script(&[Behaviour::Status(500), Behaviour::RetryAfter(503, 0), Behaviour::Status(200)]);
    let started = std::time::Instant::now();
    env.livekit_webhook(
        &json!({"event": "room_started", "id": "EV_r", "room": {"sid": "RM", "name": format!("{project}__r")}}),
    );
    env.livekit_webhook(
        &json!({"event": "participant_joined", "id": "EV_p", "room": {"name": format!("{project}__r")},
        "participant": {"identity": "u"}}),
    );
    let got = rx.wait_for(10, |g| g.len() >= 3);
    assert!(started.elapsed() >= std::time::Duration::from_millis(150), "waited 50 ms then 100 ms");
    assert_eq!(got.len(), 3, "participant_joined is filtered out by the endpoint's events");
    let ids: Vec<_> = got.iter().map(|r| r.header("webhook-id").unwrap().to_string()).collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "webhook-id is stable across retries");
    // The receiver has the third request before the daemon has stored its answer.
    let logs = eventually(10, "the delivery stored as delivered", || {
        let (_, _, logs) =
            env.api("GET", &format!("/v1/webhooks/logs?endpoint_id={endpoint}"), Some(("x-pulse-key", &key)), None);
        (logs["data"][0]["status"] == "delivered").then_some(logs)
    });
    let log = &logs["data"][0];
    assert_eq!((log["status"].as_str(), log["attempt_count"].as_u64()), (Some("delivered"), Some(3)));
    let id = log["id"].as_str().unwrap();
    let (_, _, detail) = env.api("GET", &format!("/v1/webhooks/logs/{id}"), Some(("x-pulse-key", &key)), None);
    let codes: Vec<_> =
        detail["attempts"].as_array().unwrap().iter().map(|a| a["status_code"].as_u64().unwrap()).collect();
    assert_eq!(codes, [500, 503, 200]);
    assert_eq!(detail["attempts"][0]["error"], "http_status");
    assert_eq!(detail["attempts"][0]["response_body"], "answered 500");
    assert_eq!(detail["attempts"][2]["trigger"], "scheduled");
    assert_eq!(detail["payload"]["event"], "room_started");
}

#[test]
fn gone_disables_the_endpoint_and_failures_end_failed() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    let (endpoint, _) = env.endpoint(&key, &rx.url, &[]);
    rx.script(&[Behaviour::Status(410)]);
    env.livekit_webhook(&json!({"event": "room_started", "id": "EV_g", "room": {"name": format!("{project}__r")}}));
    rx.wait_for(5, |g| !g.is_empty());
    let auth = Some(("x-pulse-key", key.as_str()));
    let ep = eventually(5, "the endpoint to be disabled", || {
        let (_, _, ep) = env.api("GET", &format!("/v1/webhooks/endpoints/{endpoint}"), auth, None);
        (ep["enabled"] == false).then_some(ep)
    });
    assert_eq!(ep["enabled"], false);
    assert!(ep["disabled_reason"].as_str().unwrap().contains("410"), "{ep}");
    let (_, _, logs) = env.api("GET", "/v1/webhooks/logs?status=failed", auth, None);
    assert_eq!(logs["pagination"]["total"], 1);
    assert!(ep.get("secret").is_none(), "the secret is not in ordinary answers");

    // A second endpoint that always fails: five attempts, then failed.
    let rx2 = env.receiver();
    let (ep2, _) = env.endpoint(&key, &rx2.url, &[]);
    rx2.script(&[
        Behaviour::Status(500),
        Behaviour::Status(502),
        Behaviour::Redirect,
        Behaviour::Status(500),
        Behaviour::Status(429),
    ]);
    env.livekit_webhook(&json!({"event": "room_finished", "id": "EV_f", "room": {"name": format!("{project}__r")}}));
    rx2.wait_for(10, |g| g.len() >= 5);
    let logs = eventually(5, "the delivery to fail", || {
        let (_, _, logs) = env.api("GET", &format!("/v1/webhooks/logs?endpoint_id={ep2}"), auth, None);
        (logs["data"][0]["status"] == "failed").then_some(logs)
    });
    assert_eq!(logs["data"][0]["attempt_count"], 5);
    assert_eq!(logs["data"][0]["next_attempt_at"], Value::Null);
    assert_eq!(rx.got().len(), 1, "the disabled endpoint got nothing more");
}

#[test]
fn timeouts_and_redirects_are_classified_and_replay_delivers() {
    let env = TestEnv::start_with(Box::new(|c, _| c.webhooks.retry_schedule = vec![]));
    let (project, key) = env.project("a");
    let rx = env.receiver();
    let (_, secret) = env.endpoint(&key, &rx.url, &[]);
    rx.trust(&secret);
    rx.script(&[Behaviour::Hang(std::time::Duration::from_secs(3)), Behaviour::Redirect]);
    env.livekit_webhook(&json!({"event": "room_started", "id": "EV_t", "room": {"name": format!("{project}__r")}}));
    env.livekit_webhook(&json!({"event": "room_finished", "id": "EV_d", "room": {"name": format!("{project}__r")}}));
    let auth = Some(("x-pulse-key", key.as_str()));
    let logs = eventually(10, "two failed deliveries", || {
        let (_, _, logs) = env.api("GET", "/v1/webhooks/logs?status=failed", auth, None);
        (logs["pagination"]["total"] == 2).then_some(logs)
    });
    let mut errors = Vec::new();
    for l in logs["data"].as_array().unwrap() {
        let (_, _, d) = env.api("GET", &format!("/v1/webhooks/logs/{}", l["id"].as_str().unwrap()), auth, None);
        errors.push((
            d["event"].as_str().unwrap().to_string(),
            d["attempts"][0]["error"].clone(),
            d["last_error"].clone(),
        ));
    }
    // The receiver hangs on the first request it gets and redirects the second; which event's
    // attempt comes first is the delivery threads' race, so the errors are matched by kind.
    let mut events: Vec<&str> = errors.iter().map(|e| e.0.as_str()).collect();
    events.sort();
    assert_eq!(events, ["room_ended", "room_started"]);
    errors.sort_by(|a, b| a.1.as_str().cmp(&b.1.as_str()));
    assert_eq!(errors[0].1, "http_status");
    assert!(errors[0].2.as_str().unwrap().contains("redirects are not followed"));
    assert_eq!(errors[1].1, "timeout");

    // Replay: one signed manual attempt, answered with its outcome.
    let id = logs["data"][0]["id"].as_str().unwrap();
    let (s, _, r) = env.api("POST", &format!("/v1/webhooks/logs/{id}/replay"), auth, Some(b"{}".to_vec()));
    assert_eq!(s, 200, "{r}");
    assert_eq!((r["attempt"]["status_code"].as_u64(), r["attempt"]["trigger"].as_str()), (Some(200), Some("manual")));
    assert_eq!(r["log"]["status"], "delivered");
    let last = rx.got().pop().unwrap();
    assert!(last.standard_ok && last.pulse_ok);
    // Replay to another URL.
    let rx2 = env.receiver();
    rx2.trust(&secret);
    let body = json!({"url": rx2.url}).to_string().into_bytes();
    let (s, _, r) = env.api("POST", &format!("/v1/webhooks/logs/{id}/replay"), auth, Some(body));
    assert_eq!((s, r["attempt"]["url"].as_str()), (200, Some(rx2.url.as_str())));
    assert!(rx2.got()[0].standard_ok);
}

#[test]
fn webhook_and_poll_reporting_the_same_transition_produce_one_event() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &[]);
    env.fake.set_progress(Progress::Stuck);
    let e = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "file", "--json"]).json();
    let lk = e["livekit_egress_id"].as_str().unwrap().to_string();
    let room = format!("{project}__r");
    // LiveKit reports ACTIVE by webhook, and the poller sees ACTIVE too.
    env.livekit_webhook(&egress_webhook("EV_a", "egress_updated", &lk, &room, "EGRESS_ACTIVE"));
    env.fake.set_egress_status(&lk, "EGRESS_ACTIVE");
    let st = env.state();
    env.rt.block_on(st.core.reconcile_once());
    // The poller learns COMPLETE first; LiveKit's late webhook says the same.
    env.fake.set_egress_status(&lk, "EGRESS_COMPLETE");
    env.rt.block_on(st.core.reconcile_once());
    env.livekit_webhook(&egress_webhook("EV_b", "egress_ended", &lk, &room, "EGRESS_COMPLETE"));
    env.pulse(&key, &["egress", "get", e["egress_id"].as_str().unwrap()]).code(0);
    rx.wait_for(10, |g| g.len() >= 3);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let got = rx.got();
    assert_eq!(
        (count(&got, "egress_started"), count(&got, "egress_ended"), count(&got, "recording_available")),
        (1, 1, 1)
    );
    let ended = got.iter().find(|r| r.json["event"] == "egress_ended").unwrap();
    assert!(ended.json.get("livekit_event_id").is_none(), "learned by reconciliation: no LiveKit event id");
}

#[test]
fn ingress_events_and_room_routing() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let (_, other_key) = env.project("b");
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &[]);
    let rx_b = env.receiver();
    env.endpoint(&other_key, &rx_b.url, &[]);
    let i = env
        .pulse(&key, &["ingress", "create", "--room", "studio", "--type", "rtmp", "--participant", "enc", "--json"])
        .json();
    let lk = i["livekit_ingress_id"].as_str().unwrap();
    let info =
        |status: &str| json!({"ingressId": lk, "roomName": format!("{project}__studio"), "state": {"status": status}});
    env.livekit_webhook(
        &json!({"event": "ingress_started", "id": "EV_i1", "ingressInfo": info("ENDPOINT_PUBLISHING")}),
    );
    env.livekit_webhook(&json!({"event": "participant_joined", "id": "EV_i2", "room": {"sid": "RM_9", "name": format!("{project}__studio")},
        "participant": {"sid": "PA_1", "identity": "enc", "name": "Encoder", "joinedAt": "1767225600"}}));
    env.livekit_webhook(&json!({"event": "ingress_ended", "id": "EV_i3", "ingressInfo": info("ENDPOINT_INACTIVE")}));
    assert_eq!(
        env.livekit_webhook(&json!({"event": "room_started", "id": "EV_i4", "room": {"name": "prj_nobody__x"}})),
        200
    );
    assert_eq!(
        env.livekit_webhook(&json!({"event": "agent_job_started", "id": "EV_i5"})),
        200,
        "unknown events are acked"
    );
    let got = rx.wait_for(10, |g| g.len() >= 3);
    assert_eq!(
        (count(&got, "ingress_started"), count(&got, "ingress_ended"), count(&got, "participant_joined")),
        (1, 1, 1)
    );
    let joined = got.iter().find(|r| r.json["event"] == "participant_joined").unwrap();
    assert_eq!(joined.json["data"]["room"], json!({"sid": "RM_9", "name": "studio"}));
    assert_eq!(joined.json["data"]["participant"]["joined_at"], "2026-01-01T00:00:00.000Z");
    let started = got.iter().find(|r| r.json["event"] == "ingress_started").unwrap();
    assert!(!started.body.contains("streamkey"), "ingress events carry the masked key");
    assert!(rx_b.got().is_empty(), "project b hears nothing of project a");
    assert_eq!(env.state().core.metrics.dropped_unknown.load(std::sync::atomic::Ordering::Relaxed), 2);
}

#[test]
fn disabled_ingress_tracks_are_muted_when_published() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let i = env
        .pulse(
            &key,
            &["ingress", "create", "--room", "s", "--type", "rtmp", "--participant", "enc", "--no-video", "--json"],
        )
        .json();
    assert_eq!(i["video_enabled"], false);
    let room = format!("{project}__s");
    for (id, kind, sid) in [("EV_m1", "AUDIO", "TR_a"), ("EV_m2", "VIDEO", "TR_v")] {
        env.livekit_webhook(&json!({"event": "track_published", "id": id, "room": {"name": room},
            "participant": {"identity": "enc"}, "track": {"sid": sid, "type": kind}}));
    }
    eventually(5, "a mute call", || (!env.fake.requests_to("MutePublishedTrack").is_empty()).then_some(()));
    std::thread::sleep(std::time::Duration::from_millis(100));
    let mutes = env.fake.requests_to("MutePublishedTrack");
    assert_eq!(mutes.len(), 1, "only the disabled kind");
    assert_eq!(mutes[0].body, json!({"room": room, "identity": "enc", "trackSid": "TR_v", "muted": true}));
    assert_eq!(mutes[0].claims["video"], json!({"roomAdmin": true, "room": room}));
}

#[test]
fn endpoints_refuse_non_public_targets_unless_allowed() {
    let env = TestEnv::start_with(Box::new(|c, _| c.webhooks.allowed_cidrs = vec![]));
    let (_, key) = env.project("a");
    let auth = Some(("x-pulse-key", key.as_str()));
    for url in [
        "http://127.0.0.1/hook",
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://localhost:8080/hook",
        "ftp://example.com/hook",
    ] {
        let body = json!({"url": url}).to_string().into_bytes();
        let (s, _, v) = env.api("POST", "/v1/webhooks/endpoints", auth, Some(body));
        assert_eq!((s, v["error"]["field"].as_str()), (400, Some("url")), "{url}: {v}");
    }
    let (_, _, list) = env.api("GET", "/v1/webhooks/endpoints", auth, None);
    assert_eq!(list["pagination"]["total"], 0);
}

#[test]
fn endpoint_crud_rotation_and_test_events() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let rx = env.receiver();
    let auth = Some(("x-pulse-key", key.as_str()));
    let (id, old) = env.endpoint(&key, &rx.url, &[]);
    assert!(old.starts_with("whsec_"));
    let (_, _, s) = env.api("GET", &format!("/v1/webhooks/endpoints/{id}/secret"), auth, None);
    assert_eq!(s["secret"], old.as_str());
    let (st, _, r) = env.api(
        "POST",
        &format!("/v1/webhooks/endpoints/{id}/rotate-secret"),
        auth,
        Some(br#"{"grace_seconds": 3600}"#.to_vec()),
    );
    assert_eq!(st, 200, "{r}");
    let new = r["secret"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    // During the grace period both keys sign: a receiver that knows only one accepts.
    let only_old = env.receiver();
    only_old.trust(&old);
    let body = json!({"url": only_old.url}).to_string().into_bytes();
    env.api("PATCH", &format!("/v1/webhooks/endpoints/{id}"), auth, Some(body));
    let (st, _, t) = env.api("POST", "/v1/webhooks/test", auth, Some(br#"{"event": "egress_started"}"#.to_vec()));
    assert_eq!(st, 201, "{t}");
    assert_eq!(t["deliveries"].as_array().unwrap().len(), 1);
    let got = only_old.wait_for(5, |g| !g.is_empty());
    assert!(got[0].standard_ok && got[0].pulse_ok);
    assert_eq!(got[0].header("webhook-signature").unwrap().split(' ').count(), 2);
    assert_eq!(got[0].json["data"]["test"], true);
    let (st, _, v) = env.api("POST", "/v1/webhooks/test", auth, Some(br#"{"event": "egress_exploded"}"#.to_vec()));
    assert_eq!((st, v["error"]["field"].as_str()), (400, Some("event")));
    let (st, _, v) =
        env.api("PATCH", &format!("/v1/webhooks/endpoints/{id}"), auth, Some(br#"{"events": ["nope"]}"#.to_vec()));
    assert_eq!((st, v["error"]["field"].as_str()), (400, Some("events")));
    let (st, _, _) = env.api("DELETE", &format!("/v1/webhooks/endpoints/{id}"), auth, None);
    assert_eq!(st, 200);
    assert_eq!(env.api("GET", &format!("/v1/webhooks/endpoints/{id}"), auth, None).0, 404);
}

#[test]
fn a_slow_endpoint_does_not_starve_the_others() {
    let env = TestEnv::start_with(Box::new(|c, _| {
        c.webhooks.max_in_flight_per_endpoint = 2;
        c.webhooks.timeout = "12s".into();
    }));
    let (project, key) = env.project("a");
    let slow = env.receiver();
    let fast = env.receiver();
    env.endpoint(&key, &slow.url, &[]);
    env.endpoint(&key, &fast.url, &[]);
    // Each attempt to the slow endpoint hangs 10 s: behind even one of them, the fast endpoint
    // would wait 10 s; beside them it waits on nothing (8 s is slack for a starved machine).
    slow.script(&vec![Behaviour::Hang(std::time::Duration::from_secs(10)); 20]);
    let started = std::time::Instant::now();
    for i in 0..20 {
        env.livekit_webhook(&json!({"event": "participant_joined", "id": format!("EV_s{i}"),
            "room": {"name": format!("{project}__r")}, "participant": {"identity": format!("u{i}")}}));
    }
    fast.wait_for(10, |g| g.len() >= 20);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(8),
        "fast endpoint waited on the slow one: {:?}",
        started.elapsed()
    );
    assert!(slow.got().len() <= 2, "at most max_in_flight_per_endpoint attempts at once to the slow endpoint");
}

#[test]
fn the_connect_time_guard_blocks_what_the_creation_check_would() {
    // An endpoint stored while loopback was allowed, delivered by a daemon that no longer
    // allows it: the attempt is refused at connect time, for hostnames and literals alike.
    let env = TestEnv::start_with(Box::new(|c, _| {
        c.webhooks.allowed_cidrs = vec![];
        c.webhooks.retry_schedule = vec![];
    }));
    let (project, key) = env.project("a");
    let rx = env.receiver();
    let port = rx.url.split(':').nth(2).unwrap().split('/').next().unwrap().to_string();
    for (n, url) in [format!("http://localhost:{port}/hook"), rx.url.clone()].into_iter().enumerate() {
        let record = pulse::store::EndpointRecord {
            id: format!("we_test{n}").into(),
            project_id: project.clone().into(),
            url,
            events: vec![],
            description: None,
            enabled: true,
            disabled_reason: None,
            created_ms: 1_767_225_600_000,
            secrets: vec![pulse::store::SecretEntry {
                secret: pulse::webhooks::signing::new_secret(),
                expires_ms: None,
            }],
            rev: 0,
            options: Default::default(),
        };
        let put = pulse::store::Op::PutEndpoint(record, pulse::store::Expect::New);
        let changes = pulse::store::Changes { livekit_event: None, ops: vec![put] };
        env.rt.block_on(env.state().core.store.commit(changes)).unwrap();
    }
    env.livekit_webhook(&json!({"event": "room_started", "id": "EV_ssrf", "room": {"name": format!("{project}__r")}}));
    let auth = Some(("x-pulse-key", key.as_str()));
    let logs = eventually(5, "two blocked deliveries", || {
        let (_, _, logs) = env.api("GET", "/v1/webhooks/logs?status=failed", auth, None);
        (logs["pagination"]["total"] == 2).then_some(logs)
    });
    for l in logs["data"].as_array().unwrap() {
        let (_, _, d) = env.api("GET", &format!("/v1/webhooks/logs/{}", l["id"].as_str().unwrap()), auth, None);
        assert_eq!(d["attempts"][0]["error"], "blocked_target", "{d}");
    }
    assert!(rx.got().is_empty(), "nothing reached the loopback receiver");
}

#[test]
fn metrics_and_status_show_the_queue() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &[]);
    env.livekit_webhook(&json!({"event": "room_started", "id": "EV_m", "room": {"name": format!("{project}__r")}}));
    env.api("POST", "/v1/webhooks/livekit", Some(("authorization", "bad")), Some(b"{}".to_vec()));
    rx.wait_for(5, |g| !g.is_empty());
    let st = eventually(5, "the delivery in /v1/status", || {
        let st = env.pulse(&key, &["status", "--json"]).json();
        (st["webhooks"]["delivered"] == 1).then_some(st)
    });
    assert_eq!(st["webhooks"]["queue_depth"], 0);
    let url = format!("{}/metrics", env.url);
    let text = env.rt.block_on(async { reqwest::get(&url).await.unwrap().text().await.unwrap() });
    for line in [
        "pulse_webhook_deliveries_total{outcome=\"delivered\"} 1",
        "pulse_livekit_webhooks_total 1",
        "pulse_livekit_webhook_rejected_signatures_total 1",
        "pulse_webhook_queue_depth 0",
        "pulse_webhook_attempt_duration_seconds_count 1",
        "# TYPE pulse_webhook_attempt_duration_seconds histogram",
    ] {
        assert!(text.lines().any(|l| l == line), "missing `{line}` in\n{text}");
    }
}

#[test]
fn an_ingress_change_seen_by_a_read_still_produces_its_event_once() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &[]);
    let i = env
        .pulse(&key, &["ingress", "create", "--room", "s", "--type", "rtmp", "--participant", "enc", "--json"])
        .json();
    let (id, lk) = (i["ingress_id"].as_str().unwrap(), i["livekit_ingress_id"].as_str().unwrap());
    env.fake.set_ingress_status(lk, "ENDPOINT_PUBLISHING");
    assert_eq!(env.pulse(&key, &["ingress", "get", id, "--json"]).json()["status"], "active");
    let info = json!({"ingressId": lk, "state": {"status": "ENDPOINT_PUBLISHING"}});
    env.livekit_webhook(&json!({"event": "ingress_started", "id": "EV_late", "ingressInfo": info}));
    rx.wait_for(5, |g| !g.is_empty());
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(count(&rx.got(), "ingress_started"), 1);
}

#[test]
fn events_for_records_pulse_does_not_own_are_dropped_not_duplicates() {
    let env = TestEnv::start();
    let (project, _) = env.project("a");
    let room = format!("{project}__r");
    assert_eq!(
        env.livekit_webhook(&egress_webhook("EV_u1", "egress_ended", "EG_elsewhere", &room, "EGRESS_COMPLETE")),
        200
    );
    let info = json!({"ingressId": "IN_elsewhere", "state": {"status": "ENDPOINT_PUBLISHING"}});
    assert_eq!(env.livekit_webhook(&json!({"event": "ingress_started", "id": "EV_u2", "ingressInfo": info})), 200);
    // LiveKit retries one of them: that one is a duplicate.
    env.livekit_webhook(&egress_webhook("EV_u1", "egress_ended", "EG_elsewhere", &room, "EGRESS_COMPLETE"));
    let st = env.state();
    let load = |c: &std::sync::atomic::AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!((load(&st.core.metrics.dropped_unknown), load(&st.core.metrics.duplicates)), (2, 1));
}
