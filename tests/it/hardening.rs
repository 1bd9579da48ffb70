//! Defects found by probing the daemon (issue 7), each with the test that pins its fix.

use serde_json::json;

use crate::support::{TestEnv, eventually};

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
    if crate::BACKEND != "sled" {
        return; // the store is not in the data dir
    }
    let env = TestEnv::start();
    let store = env.data_dir().join("db");
    let mode = std::fs::metadata(&store).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o077, 0, "{} is {mode:o}", store.display());
}
