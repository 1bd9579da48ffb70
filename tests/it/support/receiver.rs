//! A customer's webhook receiver on 127.0.0.1:0. It verifies both signature schemes with its
//! own HMAC code (not pulse's), records every request, and can be told to misbehave: fail,
//! answer 410, redirect, ask to slow down, or hang past the timeout.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use warp::Filter;
use warp::http::Response;

/// What the receiver does with one request.
#[derive(Debug, Clone)]
pub enum Behaviour {
    Status(u16),
    RetryAfter(u16, u64),
    Redirect,
    Hang(Duration),
}

/// One request as received, with the verdict on its signatures.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub json: Value,
    pub standard_ok: bool,
    pub pulse_ok: bool,
    /// When it arrived.
    pub at: std::time::Instant,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    secrets: Vec<String>,
    script: VecDeque<Behaviour>,
    got: Vec<Received>,
}

/// The running receiver.
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    state: Arc<Mutex<State>>,
}

fn hmac(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

fn key_of(secret: &str) -> Vec<u8> {
    STANDARD.decode(secret.strip_prefix("whsec_").unwrap()).unwrap()
}

fn check(secrets: &[String], headers: &[(String, String)], body: &str) -> (bool, bool) {
    let get = |n: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)).map(|(_, v)| v.clone());
    let (id, ts, sigs, pulse) =
        (get("webhook-id"), get("webhook-timestamp"), get("webhook-signature"), get("x-pulse-signature"));
    let mut standard_ok = false;
    let mut pulse_ok = false;
    for s in secrets {
        let key = key_of(s);
        if let (Some(id), Some(ts), Some(sigs)) = (&id, &ts, &sigs) {
            let want = format!("v1,{}", STANDARD.encode(hmac(&key, format!("{id}.{ts}.{body}").as_bytes())));
            standard_ok |= sigs.split(' ').any(|s| s == want);
        }
        if let Some(p) = &pulse {
            let t = p.split(',').find_map(|kv| kv.strip_prefix("t=")).unwrap_or("");
            let want: String =
                hmac(&key, format!("{t}.{body}").as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            pulse_ok |= p.split(',').any(|kv| kv.strip_prefix("v1=") == Some(want.as_str()));
        }
    }
    (standard_ok, pulse_ok)
}

impl Receiver {
    /// Starts a receiver answering 200 unless scripted otherwise.
    pub async fn start() -> Receiver {
        let state = Arc::new(Mutex::new(State::default()));
        let s = state.clone();
        let route = warp::any().and(warp::header::headers_cloned()).and(warp::body::bytes()).then(
            move |headers: warp::http::HeaderMap, body: bytes::Bytes| {
                let s = s.clone();
                async move {
                    let headers: Vec<(String, String)> = headers
                        .iter()
                        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
                        .collect();
                    let body = String::from_utf8_lossy(&body).into_owned();
                    let behaviour = {
                        let mut st = s.lock().unwrap();
                        let (standard_ok, pulse_ok) = check(&st.secrets, &headers, &body);
                        let json = serde_json::from_str(&body).unwrap_or(Value::Null);
                        st.got.push(Received {
                            headers,
                            body,
                            json,
                            standard_ok,
                            pulse_ok,
                            at: std::time::Instant::now(),
                        });
                        st.script.pop_front().unwrap_or(Behaviour::Status(200))
                    };
                    match behaviour {
                        Behaviour::Status(code) => {
                            Response::builder().status(code).body(format!("answered {code}")).unwrap()
                        }
                        Behaviour::RetryAfter(code, secs) => Response::builder()
                            .status(code)
                            .header("retry-after", secs.to_string())
                            .body(String::new())
                            .unwrap(),
                        Behaviour::Redirect => Response::builder()
                            .status(302)
                            .header("location", "http://127.0.0.1:1/")
                            .body(String::new())
                            .unwrap(),
                        Behaviour::Hang(d) => {
                            tokio::time::sleep(d).await;
                            Response::builder().status(200).body(String::new()).unwrap()
                        }
                    }
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(warp::serve(route).incoming(listener).run());
        Receiver { url, state }
    }

    /// The secrets signatures are checked against.
    pub fn trust(&self, secret: &str) {
        self.state.lock().unwrap().secrets.push(secret.to_string());
    }

    /// Queues behaviours for the next requests.
    pub fn script(&self, b: &[Behaviour]) {
        self.state.lock().unwrap().script.extend(b.iter().cloned());
    }

    /// Forgets what is left of the script: every request is answered 200 again.
    pub fn unscript(&self) {
        self.state.lock().unwrap().script.clear();
    }

    /// Everything received so far.
    pub fn got(&self) -> Vec<Received> {
        self.state.lock().unwrap().got.clone()
    }

    /// Waits until `pred` holds for what was received (at most `secs`).
    pub fn wait_for(&self, secs: u64, pred: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let deadline = std::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.got();
            if pred(&got) {
                return got;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "receiver did not get what was expected; got {} requests: {:#?}",
                got.len(),
                got.iter().map(|r| r.json["event"].clone()).collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A LiveKit webhook `Authorization` value, built by hand as LiveKit's server does
/// (HS256 JWT, `iss`, `nbf`, `exp`, `sha256` = base64 SHA-256 of the body): no pulse code.
pub fn livekit_token(key: &str, secret: &str, body: &[u8], nbf: i64, exp: i64) -> String {
    use sha2::Digest;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = b64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let sha = STANDARD.encode(Sha256::digest(body));
    let claims = serde_json::json!({"iss": key, "nbf": nbf, "iat": nbf, "exp": exp, "sha256": sha});
    let payload = b64.encode(claims.to_string());
    let sig = b64.encode(hmac(secret.as_bytes(), format!("{header}.{payload}").as_bytes()));
    format!("{header}.{payload}.{sig}")
}

/// Now, Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}
