//! The HTTP API directly: health, status, pagination, rate limits, tokens, error shapes.

use serde_json::json;

use super::support::TestEnv;

#[test]
fn health_and_status() {
    let env = TestEnv::start();
    let (s, _, v) = env.api("GET", "/health", None, None);
    assert_eq!((s, v), (200, json!({"status": "ok"})));
    let (_, key) = env.project("a");
    let run = env.pulse(&key, &["status", "--json"]);
    run.code(0);
    let st = run.json();
    assert_eq!(st["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(st["livekit"]["reachable"], true);
    assert!(st["livekit"]["latency_ms"].is_u64() && st["store_size_bytes"].as_u64().unwrap() > 0);
    assert_eq!(env.fake.requests_to("ListRooms")[0].claims["video"], json!({"roomList": true}));
    let (s, _, v) = env.api("GET", "/v1/status", None, None);
    assert_eq!((s, v["error"]["code"].as_str()), (401, Some("unauthenticated")));
    let (s, _, v) = env.api("GET", "/v1/nope", None, None);
    assert_eq!((s, v["error"]["code"].as_str()), (404, Some("not_found")));
}

#[test]
fn lists_paginate_newest_first() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let ids: Vec<String> = (0..3)
        .map(|n| {
            env.pulse(&key, &["egress", "start", "--room", &format!("r{n}"), "--output", "hls", "-q"])
                .stdout
                .trim()
                .to_string()
        })
        .collect();
    let auth = Some(("x-pulse-key", key.as_str()));
    let (_, _, p1) = env.api("GET", "/v1/media/egress?limit=2", auth, None);
    assert_eq!(p1["pagination"], json!({"page": 1, "limit": 2, "total": 3, "total_pages": 2}));
    assert_eq!(p1["data"][0]["egress_id"], ids[2].as_str(), "newest first");
    let (_, _, p2) = env.api("GET", "/v1/media/egress?limit=2&page=2", auth, None);
    assert_eq!(p2["data"][0]["egress_id"], ids[0].as_str());
    let (_, _, f) = env.api("GET", "/v1/media/egress?room_name=r1", auth, None);
    assert_eq!(f["pagination"]["total"], 1);
    let (s, _, v) = env.api("GET", "/v1/media/egress?limit=500", auth, None);
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("limit")));
}

#[test]
fn rate_limit_answers_429_with_headers() {
    let env = TestEnv::start_with(Box::new(|c, _| c.rate_limit.per_ip_per_minute = 3));
    let (_, key) = env.project("a");
    let auth = Some(("x-pulse-key", key.as_str()));
    // project() used one request from this IP.
    for _ in 0..2 {
        assert_eq!(env.api("GET", "/v1/media/egress", auth, None).0, 200);
    }
    let (s, h, v) = env.api("GET", "/v1/media/egress", auth, None);
    assert_eq!((s, v["error"]["code"].as_str()), (429, Some("rate_limited")), "{v}");
    assert!(h["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    assert_eq!(h["x-ratelimit-limit"], "3");
    assert_eq!(h["x-ratelimit-remaining"], "0");
    assert!(h.contains_key("x-ratelimit-reset"));
    assert_eq!(env.api("GET", "/health", None, None).0, 200, "/health is exempt");
    env.pulse(&key, &["egress", "list"]).code(6);
}

#[test]
fn room_tokens_are_namespaced_join_tokens() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let run = env.pulse(
        &key,
        &["token", "create", "--room", "stage", "--identity", "alice", "--ttl", "1h", "--no-publish", "--json"],
    );
    run.code(0);
    let t = run.json();
    assert_eq!(t["livekit_url"], env.fake.url().replace("http://", "ws://"));
    assert_eq!(t["room_name"], "stage");
    let mut v = pulse::jwt::hs256();
    v.set_issuer(&["devkey"]);
    let claims = pulse::jwt::decode::<serde_json::Value>(t["token"].as_str().unwrap(), b"secret", &v).unwrap();
    assert_eq!(claims["sub"], "alice");
    assert_eq!(
        claims["video"],
        json!({"roomJoin": true, "room": format!("{project}__stage"), "canPublish": false, "canSubscribe": true})
    );
    let ttl = claims["exp"].as_u64().unwrap() - claims["nbf"].as_u64().unwrap();
    assert_eq!(ttl, 3600);
    let q = env.pulse(&key, &["token", "create", "--room", "stage", "--identity", "bob", "-q"]);
    assert_eq!(q.stdout.trim().split('.').count(), 3, "-q prints only the token");
}

#[test]
fn an_integral_float_is_an_integer_and_time_bounds_are_exactly_the_documents() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let auth = Some(("x-pulse-key", key.as_str()));
    for ok in ["since=90s", "since=30m", "since=24h", "since=7d", "until=2026-01-02T03:04:05.123Z"] {
        let (s, _, v) = env.api("GET", &format!("/v1/webhooks/logs?{ok}"), auth, None);
        assert_eq!(s, 200, "{ok}: {v}");
    }
    for bad in ["since=", "since=0", "since=1h30m", "since=2days", "until=2026-01-02"] {
        let (s, _, v) = env.api("GET", &format!("/v1/webhooks/logs?{bad}"), auth, None);
        assert_eq!(s, 400, "{bad}: {v}");
    }
    // A window that ends before it begins is empty, not an error.
    let (s, _, v) = env.api("GET", "/v1/usage?from=1h&to=2h", auth, None);
    assert_eq!((s, v["rows"].as_array().map(Vec::len)), (200, Some(0)), "{v}");
    let body = serde_json::json!({"room_name": "r", "identity": "i", "ttl_seconds": 600.0}).to_string().into_bytes();
    let (s, _, v) = env.api("POST", "/v1/rooms/token", auth, Some(body));
    assert_eq!(s, 200, "{v}");
    let body = serde_json::json!({"room_name": "r", "identity": "i", "ttl_seconds": 600.5}).to_string().into_bytes();
    let (s, _, v) = env.api("POST", "/v1/rooms/token", auth, Some(body));
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("ttl_seconds")), "{v}");
}
