//! Idempotency keys: a write sent again with its `Idempotency-Key` gets the first answer byte
//! for byte and starts nothing; another request under the same key is a conflict; the CLI
//! sends a key per invocation (`PULSE_IDEMPOTENCY_KEY` names it, for a CI job run again).

use serde_json::{Value, json};

use super::support::{ADMIN_TOKEN, TestEnv};

/// A raw POST: (status, `Idempotent-Replayed`, body bytes).
fn post(env: &TestEnv, path: &str, auth: (&str, &str), key: Option<&str>, body: &Value) -> (u16, bool, Vec<u8>) {
    let url = format!("{}{path}", env.url);
    env.rt.block_on(async {
        let mut req = env
            .http()
            .post(url)
            .header(auth.0, auth.1)
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap());
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        let resp = req.send().await.unwrap();
        let replayed = resp.headers().get("idempotent-replayed").is_some_and(|v| v == "true");
        (resp.status().as_u16(), replayed, resp.bytes().await.unwrap().to_vec())
    })
}

#[test]
fn a_start_sent_again_with_its_key_is_answered_again_and_starts_nothing() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let auth = ("x-pulse-key", key.as_str());
    let start = json!({"room_name": "stage", "output_type": "hls"});
    let path = "/v1/media/egress/start";

    let (status, replayed, first) = post(&env, path, auth, Some("retry-1"), &start);
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&first));
    assert!(!replayed);
    let (status, replayed, again) = post(&env, path, auth, Some("retry-1"), &start);
    assert_eq!((status, replayed), (201, true));
    assert_eq!(again, first, "the first answer, byte for byte");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 1, "LiveKit was asked once");

    // The same key with another request: refused, nothing started.
    let other = json!({"room_name": "other", "output_type": "hls"});
    let (status, _, body) = post(&env, path, auth, Some("retry-1"), &other);
    assert_eq!(status, 409, "{}", String::from_utf8_lossy(&body));
    let err: Value = serde_json::from_slice(&body).unwrap();
    assert!(err["error"]["message"].as_str().unwrap().contains("another request"), "{err}");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 1);

    // Without a key, or with a new one, each request runs.
    assert_eq!(post(&env, path, auth, None, &start).0, 201);
    assert_eq!(post(&env, path, auth, Some("retry-2"), &start).0, 201);
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 3);
    let list = env.pulse(&key, &["egress", "list", "--json"]).json();
    assert_eq!(list.as_array().map(Vec::len), Some(3), "{list}");

    // Keys are the caller's own: another project's same key is another request.
    let (_, key2) = env.project("other");
    let (status, replayed, _) = post(&env, path, ("x-pulse-key", key2.as_str()), Some("retry-1"), &start);
    assert_eq!((status, replayed), (201, false));
}

#[test]
fn refusals_are_kept_creations_replay_and_bad_keys_are_named() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let auth = ("x-pulse-key", key.as_str());

    // The client's own error is the request's answer, and stays it.
    let bad = json!({"room_name": "stage", "output_type": "dash"});
    let (status, _, first) = post(&env, "/v1/media/egress/start", auth, Some("bad-1"), &bad);
    assert_eq!(status, 400);
    let (status, replayed, again) = post(&env, "/v1/media/egress/start", auth, Some("bad-1"), &bad);
    assert_eq!((status, replayed, again), (400, true, first));

    // A created endpoint's answer (with its secret, shown to whoever created it) replays, and
    // one endpoint exists.
    let rx = env.receiver();
    let body = json!({"url": rx.url, "events": ["egress_started"]});
    let (status, _, first) = post(&env, "/v1/webhooks/endpoints", auth, Some("ep-1"), &body);
    assert_eq!(status, 201);
    let (_, replayed, again) = post(&env, "/v1/webhooks/endpoints", auth, Some("ep-1"), &body);
    assert!(replayed);
    assert_eq!(again, first);
    let list = env.pulse(&key, &["webhooks", "endpoints", "list", "--json"]).json();
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");

    // The admin's keys: a project created once.
    let bearer = format!("Bearer {ADMIN_TOKEN}");
    let admin = ("authorization", bearer.as_str());
    let (a, _, first) = post(&env, "/v1/projects", admin, Some("prj-1"), &json!({"name": "once"}));
    let (b, replayed, again) = post(&env, "/v1/projects", admin, Some("prj-1"), &json!({"name": "once"}));
    assert_eq!((a, b, replayed), (201, 201, true));
    assert_eq!(again, first);
    let projects = env
        .pulse_env(&[("PULSE_URL", &env.url), ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN)], &["projects", "list", "--json"])
        .json();
    let named = projects.as_array().unwrap().iter().filter(|p| p["name"] == "once").count();
    assert_eq!(named, 1, "{projects}");

    // A key does not change who may call: a project key on an admin route is still 401.
    let (status, _, _) = post(&env, "/v1/projects", auth, Some("prj-1"), &json!({"name": "once"}));
    assert_eq!(status, 401);

    // A malformed key is refused by name, and nothing runs.
    let starts = env.fake.requests_to("StartRoomCompositeEgress").len();
    let ok = json!({"room_name": "stage", "output_type": "hls"});
    for k in ["has space", &"k".repeat(256)] {
        let (status, _, body) = post(&env, "/v1/media/egress/start", auth, Some(k), &ok);
        assert_eq!(status, 400);
        let err: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(err["error"]["field"], "Idempotency-Key", "{err}");
    }
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), starts);
}

#[test]
fn the_cli_sends_a_key_per_invocation_that_a_ci_job_can_name() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let start = ["egress", "start", "--room", "stage", "--output", "hls", "--json"];
    // Two invocations, two keys: two egress.
    let a = env.pulse(&key, &start).json();
    let b = env.pulse(&key, &start).json();
    assert_ne!(a["egress_id"], b["egress_id"]);
    // A job run again under its own key: the first answer, one more egress only.
    let named =
        [("PULSE_URL", env.url.as_str()), ("PULSE_API_KEY", key.as_str()), ("PULSE_IDEMPOTENCY_KEY", "deploy-4711")];
    let c = env.pulse_env(&named, &start);
    c.code(0);
    let d = env.pulse_env(&named, &start);
    d.code(0);
    assert_eq!(c.json()["egress_id"], d.json()["egress_id"], "the same egress, answered again");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 3);
}
