//! The stand-ins at the network edge, each run as a process of its own (`bench _livekit`,
//! `bench _receiver`, `bench _hyper`, spawned by [`Helper`]) so that they never share the
//! daemon's or the load generator's runtime: a LiveKit that answers the egress calls and
//! counts `ListEgress`, a customer endpoint that verifies both signature schemes on every
//! delivery and records when each arrived, and LiveKit-signed webhook bodies.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use warp::Filter;

/// A LiveKit-signed webhook: (body, Authorization header).
pub fn livekit_webhook(body: &Value) -> (String, String) {
    let body = body.to_string();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let header = b64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let sha = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()));
    let claims = json!({"iss": "devkey", "nbf": now, "exp": now + 3600, "sha256": sha});
    let payload = b64.encode(claims.to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    let token = format!("{header}.{payload}.{}", b64.encode(mac.finalize().into_bytes()));
    (body, token)
}

/// Wall-clock nanoseconds: comparable across the bench's processes on one machine.
pub fn unix_ns() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
}

/// A stand-in running as a child process; killed on drop.
pub struct Helper {
    child: Child,
    pub addr: SocketAddr,
}

impl Helper {
    /// Starts `bench <role>` and waits for the address it prints first.
    pub fn spawn(role: &str) -> Helper {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .arg(role)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line.trim().parse().unwrap_or_else(|_| panic!("{role} printed `{line}`, not an address"));
        Helper { child, addr }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A control call (set-up and read-out only, never on the measured path).
    pub async fn control(&self, method: &str, path: &str, body: Option<String>) -> String {
        let client = pulse::http_client(Duration::from_secs(60));
        let mut r = client.request(method.parse().unwrap(), self.url(path));
        if let Some(b) = body {
            r = r.body(b);
        }
        r.send().await.unwrap().text().await.unwrap()
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves `route` on 127.0.0.1:0 and prints the address (the parent reads it), then runs
/// until killed.
async fn serve<F>(route: F)
where
    F: Filter + Clone + Send + Sync + 'static,
    F::Extract: warp::Reply,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("{}", listener.local_addr().unwrap());
    warp::serve(route).incoming(listener).run().await;
}

/// `bench _livekit`: LiveKit's Egress service as pulse calls it. Start* answers STARTING;
/// ListEgress answers ACTIVE, or COMPLETE for ids posted to `/_end`. `GET /_stats` counts
/// the ListEgress calls. The RoomService is not served (Twirp `unimplemented`): the load
/// generator's joins go to the daemon alone, so this stand-in cannot list the rooms and
/// participants they speak of, and an empty list would tell the daemon's reconciler that every
/// one of them has left (it would send a `participant_left` for each, as it must when LiveKit
/// says so). Unable to ask, the reconciler concludes nothing.
pub async fn livekit_main() {
    let list_calls = Arc::new(AtomicU64::new(0));
    let ended: Arc<Mutex<HashSet<String>>> = Default::default();
    let started: Arc<Mutex<Vec<String>>> = Default::default();
    let next = Arc::new(AtomicU64::new(0));
    let info = |id: &str, status: &str| {
        json!({"egress_id": id, "room_name": "r", "status": status, "started_at": "1",
            "ended_at": if status == "EGRESS_COMPLETE" { "2" } else { "0" },
            "file_results": [], "segment_results": []})
    };
    let (lc, en, stt) = (list_calls.clone(), ended.clone(), started.clone());
    let twirp = warp::post().and(warp::path!("twirp" / String / String)).and(warp::body::json()).map(
        move |_svc: String, method: String, body: Value| {
            let status = |id: &str| {
                if en.lock().unwrap().contains(id) { "EGRESS_COMPLETE" } else { "EGRESS_ACTIVE" }
            };
            let answer = match method.as_str() {
                "ListEgress" => {
                    lc.fetch_add(1, Ordering::Relaxed);
                    let id = body["egressId"].as_str().or(body["egress_id"].as_str()).unwrap_or("").to_string();
                    let ids = if id.is_empty() { stt.lock().unwrap().clone() } else { vec![id] };
                    json!({"items": ids.iter().map(|i| info(i, status(i))).collect::<Vec<_>>()})
                }
                m if m.starts_with("Start") => {
                    let id = format!("EG_bench{}", next.fetch_add(1, Ordering::Relaxed));
                    stt.lock().unwrap().push(id.clone());
                    info(&id, "EGRESS_STARTING")
                }
                "ListRooms" | "ListParticipants" => {
                    let body = json!({"code": "unimplemented", "msg": "this stand-in serves the Egress service only"});
                    return warp::reply::with_status(warp::reply::json(&body), warp::http::StatusCode::NOT_IMPLEMENTED);
                }
                _ => json!({}),
            };
            warp::reply::with_status(warp::reply::json(&answer), warp::http::StatusCode::OK)
        },
    );
    let en = ended.clone();
    let end = warp::post().and(warp::path!("_end")).and(warp::body::bytes()).map(move |b: bytes::Bytes| {
        en.lock().unwrap().insert(String::from_utf8_lossy(&b).trim().to_string());
        "ok"
    });
    let stats = warp::get()
        .and(warp::path!("_stats"))
        .map(move || warp::reply::json(&json!({"list_egress": list_calls.load(Ordering::Relaxed)})));
    serve(twirp.or(end).or(stats)).await;
}

/// What the receiver saw.
#[derive(Default)]
struct Seen {
    requests: u64,
    bad_signatures: u64,
    /// (endpoint name, webhook-id) of each delivery, first arrival only.
    distinct: HashSet<(String, String)>,
    first_ns: u64,
    last_ns: u64,
    /// endpoint name, LiveKit event id, arrival (unix ns): one per distinct delivery.
    arrivals: Vec<(String, String, u64)>,
}

/// `bench _receiver`: customer endpoints at `/hook/<name>`, each with its secret registered
/// by `POST /_register/<name>` (body: the secret). Every delivery is checked with both
/// schemes (Standard Webhooks and X-Pulse-Signature) and answered 200 either way; `GET
/// /_stats` reports counts, `GET /_arrivals` one line per distinct delivery.
pub async fn receiver_main() {
    let secrets: Arc<Mutex<HashMap<String, String>>> = Default::default();
    let seen: Arc<Mutex<Seen>> = Default::default();
    let sc = secrets.clone();
    let register = warp::post().and(warp::path!("_register" / String)).and(warp::body::bytes()).map(
        move |name: String, b: bytes::Bytes| {
            sc.lock().unwrap().insert(name, String::from_utf8_lossy(&b).trim().to_string());
            "ok"
        },
    );
    let (sc, sn) = (secrets.clone(), seen.clone());
    let hook = warp::post()
        .and(warp::path!("hook" / String))
        .and(warp::header::headers_cloned())
        .and(warp::body::bytes())
        .map(move |name: String, headers: warp::http::HeaderMap, body: bytes::Bytes| {
            let at = unix_ns();
            let all: Vec<(String, String)> =
                headers.iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string())).collect();
            let pulse_only: Vec<(String, String)> =
                all.iter().filter(|(k, _)| k == "x-pulse-signature").cloned().collect();
            let now = at / 1_000_000_000;
            let secret = sc.lock().unwrap().get(&name).cloned();
            let ok = secret.is_some_and(|s| {
                use pulse::webhooks::signing::verify;
                verify(&s, &all, &body, now).is_ok() && verify(&s, &pulse_only, &body, now).is_ok()
            });
            let id = headers.get("webhook-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            let lk = livekit_event_id(&body);
            let mut s = sn.lock().unwrap();
            s.requests += 1;
            if !ok {
                s.bad_signatures += 1;
            }
            if s.distinct.insert((name.clone(), id)) {
                s.arrivals.push((name, lk, at));
            }
            if s.first_ns == 0 {
                s.first_ns = at;
            }
            s.last_ns = at;
            "ok"
        });
    let sn = seen.clone();
    let stats = warp::get().and(warp::path!("_stats")).map(move || {
        let s = sn.lock().unwrap();
        warp::reply::json(&json!({"requests": s.requests, "distinct": s.distinct.len(),
            "bad_signatures": s.bad_signatures, "first_ns": s.first_ns, "last_ns": s.last_ns}))
    });
    let sn = seen.clone();
    let arrivals = warp::get().and(warp::path!("_arrivals")).map(move || {
        let s = sn.lock().unwrap();
        let mut out = String::with_capacity(s.arrivals.len() * 48);
        for (name, lk, at) in &s.arrivals {
            out.push_str(&format!("{name} {lk} {at}\n"));
        }
        out
    });
    let reset = warp::post().and(warp::path!("_reset")).map(move || {
        *seen.lock().unwrap() = Seen::default();
        "ok"
    });
    serve(register.or(hook).or(stats).or(arrivals).or(reset)).await;
}

/// The `livekit_event_id` field of a pulse event, found without parsing the whole body.
fn livekit_event_id(body: &[u8]) -> String {
    let text = std::str::from_utf8(body).unwrap_or("");
    let key = "\"livekit_event_id\":\"";
    text.find(key).and_then(|i| text[i + key.len()..].split('"').next()).unwrap_or("").to_string()
}

/// The receiver's counts.
pub struct RxStats {
    pub requests: u64,
    pub distinct: u64,
    pub bad_signatures: u64,
    pub first_ns: u64,
    pub last_ns: u64,
}

pub async fn rx_stats(rx: &Helper) -> RxStats {
    let v: Value = serde_json::from_str(&rx.control("GET", "/_stats", None).await).unwrap();
    let n = |k: &str| v[k].as_u64().unwrap_or(0);
    RxStats {
        requests: n("requests"),
        distinct: n("distinct"),
        bad_signatures: n("bad_signatures"),
        first_ns: n("first_ns"),
        last_ns: n("last_ns"),
    }
}
