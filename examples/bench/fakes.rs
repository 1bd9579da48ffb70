//! Stand-ins at the network edge: a LiveKit that answers the egress calls the reads benchmark
//! makes (and counts `ListEgress`), a customer endpoint that verifies every signature, and
//! LiveKit-signed webhook bodies.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use warp::Filter;

/// A LiveKit-signed webhook: (body, Authorization header).
pub fn livekit_webhook(body: &serde_json::Value) -> (String, String) {
    let body = body.to_string();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let header = b64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let sha = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()));
    let claims = serde_json::json!({"iss": "devkey", "nbf": now, "exp": now + 3600, "sha256": sha});
    let payload = b64.encode(claims.to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    let token = format!("{header}.{payload}.{}", b64.encode(mac.finalize().into_bytes()));
    (body, token)
}

/// A LiveKit egress service: StartRoomCompositeEgress answers STARTING; ListEgress answers
/// ACTIVE, or COMPLETE for ids in `ended`.
#[derive(Clone, Default)]
pub struct FakeLiveKit {
    pub list_calls: Arc<AtomicU64>,
    pub ended: Arc<Mutex<HashSet<String>>>,
    next: Arc<AtomicU64>,
}

impl FakeLiveKit {
    pub async fn start() -> (FakeLiveKit, SocketAddr) {
        let me = FakeLiveKit::default();
        let st = me.clone();
        let route = warp::post().and(warp::path!("twirp" / String / String)).and(warp::body::json()).map(
            move |_svc: String, method: String, body: serde_json::Value| {
                let info = |id: &str, status: &str| {
                    serde_json::json!({"egress_id": id, "room_name": "r", "status": status,
                        "started_at": "1", "ended_at": if status == "EGRESS_COMPLETE" { "2" } else { "0" },
                        "file_results": [], "segment_results": []})
                };
                let answer = match method.as_str() {
                    "ListEgress" => {
                        st.list_calls.fetch_add(1, Ordering::Relaxed);
                        let id = body["egressId"].as_str().or(body["egress_id"].as_str()).unwrap_or("").to_string();
                        let status =
                            if st.ended.lock().unwrap().contains(&id) { "EGRESS_COMPLETE" } else { "EGRESS_ACTIVE" };
                        serde_json::json!({"items": [info(&id, status)]})
                    }
                    m if m.starts_with("Start") => {
                        let id = format!("EG_bench{}", st.next.fetch_add(1, Ordering::Relaxed));
                        info(&id, "EGRESS_STARTING")
                    }
                    _ => serde_json::json!({}),
                };
                warp::reply::json(&answer)
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(warp::serve(route).incoming(listener).run());
        (me, addr)
    }
}

/// What the receiver saw.
#[derive(Default)]
pub struct Seen {
    pub requests: u64,
    pub bad_signatures: u64,
    pub distinct: HashSet<String>,
    pub first: Option<Instant>,
    pub last: Option<Instant>,
    pub by_event: HashMap<String, u64>,
}

/// A customer endpoint that checks every delivery's Standard Webhooks signature with the
/// endpoint's secret (set once known) and records each event id.
#[derive(Clone, Default)]
pub struct Receiver {
    pub seen: Arc<Mutex<Seen>>,
    pub secret: Arc<Mutex<Option<String>>>,
}

impl Receiver {
    pub async fn start() -> (Receiver, SocketAddr) {
        let me = Receiver::default();
        let st = me.clone();
        let route = warp::post().and(warp::header::headers_cloned()).and(warp::body::bytes()).map(
            move |headers: warp::http::HeaderMap, body: bytes::Bytes| {
                let hs: Vec<(String, String)> = headers
                    .iter()
                    .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
                    .collect();
                let secret = st.secret.lock().unwrap().clone();
                let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
                let ok = secret.is_some_and(|s| pulse::webhooks::signing::verify(&s, &hs, &body, now).is_ok());
                let mut seen = st.seen.lock().unwrap();
                seen.requests += 1;
                if !ok {
                    seen.bad_signatures += 1;
                }
                let id = headers.get("webhook-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                let event = headers.get("x-pulse-event").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                *seen.by_event.entry(event).or_insert(0) += 1;
                seen.distinct.insert(id);
                let now = Instant::now();
                seen.first.get_or_insert(now);
                seen.last = Some(now);
                "ok"
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(warp::serve(route).incoming(listener).run());
        (me, addr)
    }
}
