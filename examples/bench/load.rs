//! The load generator and the baseline: keep-alive HTTP/1.1 connections driven by hyper's
//! bare client (cheap per request, so the cores go to the server), and a bare hyper server
//! answering the same requests, measured in the same run as the ceiling.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// One request to send.
#[derive(Clone)]
pub struct Req {
    pub method: &'static str,
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Bytes,
}

impl Req {
    pub fn get(path: impl Into<String>, headers: Vec<(&'static str, String)>) -> Req {
        Req { method: "GET", path: path.into(), headers, body: Bytes::new() }
    }
}

/// What a run measured.
pub struct Report {
    pub ok: usize,
    pub failed: usize,
    pub statuses: std::collections::BTreeMap<u16, usize>,
    pub elapsed: Duration,
    /// Sorted latencies of the successful requests.
    pub latencies: Vec<Duration>,
    /// (request index, wall-clock ns when its 2xx answer arrived) of each successful request.
    pub done: Vec<(usize, u64)>,
}

impl Report {
    pub fn rate(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    pub fn pct(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[i]
    }

    pub fn line(&self, what: &str) -> String {
        format!(
            "{what:<34} {:>8.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} ok, {} failed{})",
            self.rate(),
            self.pct(0.50).as_secs_f64() * 1e3,
            self.pct(0.99).as_secs_f64() * 1e3,
            self.ok,
            self.failed,
            if self.statuses.keys().any(|s| *s != 200) {
                format!(", statuses {:?}", self.statuses)
            } else {
                String::new()
            }
        )
    }
}

/// Where requests go and how many connections carry them.
pub struct Load {
    pub addr: SocketAddr,
    pub connections: usize,
}

/// Sends `reqs` (each once, in order of claim) over the connections, as fast as they answer;
/// or, with `for_time`, cycles through them until the time is up.
pub async fn run(load: &Load, reqs: Arc<Vec<Req>>, for_time: Option<Duration>) -> Report {
    drive(load, reqs, for_time, None).await
}

/// Open loop: request `i` is due at `i / rate` seconds after the start, whatever the answers
/// before it did (as webhooks arrive), sent on the first free connection; latency counts from
/// when it was due, so a server that falls behind shows it.
pub async fn run_paced(load: &Load, reqs: Arc<Vec<Req>>, rate: f64) -> Report {
    drive(load, reqs, None, Some(rate)).await
}

async fn drive(load: &Load, reqs: Arc<Vec<Req>>, for_time: Option<Duration>, pace: Option<f64>) -> Report {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = for_time.map(|d| started + d);
    let mut tasks = Vec::new();
    for _ in 0..load.connections {
        let (reqs, next, addr) = (reqs.clone(), next.clone(), load.addr);
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut done = Vec::new();
            let mut statuses = std::collections::BTreeMap::new();
            let mut failed = 0;
            let mut sender = None;
            loop {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let r = match deadline {
                    Some(_) => &reqs[i % reqs.len()],
                    None => match reqs.get(i) {
                        Some(r) => r,
                        None => break,
                    },
                };
                let due = pace.map(|rate| started + Duration::from_secs_f64(i as f64 / rate));
                if let Some(due) = due {
                    tokio::time::sleep_until(due.into()).await;
                }
                if sender.is_none() {
                    sender = connect(addr).await;
                }
                let Some(s) = sender.as_mut() else {
                    failed += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let mut b = Request::builder().method(r.method).uri(&r.path).header("host", addr.to_string());
                for (k, v) in &r.headers {
                    b = b.header(*k, v);
                }
                let t0 = due.unwrap_or_else(Instant::now);
                match s.send_request(b.body(Full::new(r.body.clone())).unwrap()).await {
                    Ok(resp) => {
                        let status = resp.status().as_u16();
                        let _ = resp.into_body().collect().await;
                        *statuses.entry(status).or_insert(0) += 1;
                        if status < 400 {
                            lat.push(t0.elapsed());
                            done.push((i, crate::fakes::unix_ns()));
                        } else {
                            failed += 1;
                        }
                    }
                    Err(_) => {
                        failed += 1;
                        sender = None;
                    }
                }
            }
            (lat, statuses, failed, done)
        }));
    }
    let mut latencies = Vec::new();
    let mut all_done = Vec::new();
    let mut statuses = std::collections::BTreeMap::new();
    let mut failed = 0;
    for t in tasks {
        let (l, s, f, d) = t.await.unwrap();
        latencies.extend(l);
        all_done.extend(d);
        for (k, v) in s {
            *statuses.entry(k).or_insert(0) += v;
        }
        failed += f;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    Report { ok: latencies.len(), failed, statuses, elapsed, latencies, done: all_done }
}

async fn connect(addr: SocketAddr) -> Option<hyper::client::conn::http1::SendRequest<Full<Bytes>>> {
    let stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let _ = stream.set_nodelay(true);
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.ok()?;
    tokio::spawn(conn);
    Some(sender)
}

/// `bench _hyper`: a bare hyper server that reads the body and answers `{"status":"ok"}`, the
/// ceiling; prints its address and serves until killed.
pub async fn bare_hyper_main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("{}", listener.local_addr().unwrap());
    {
        loop {
            let Ok((stream, _)) = listener.accept().await else { continue };
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(|req: Request<hyper::body::Incoming>| async move {
                    let _ = req.into_body().collect().await;
                    Ok::<_, Infallible>(
                        Response::builder()
                            .header("content-type", "application/json")
                            .body(Full::new(Bytes::from_static(br#"{"status":"ok"}"#)))
                            .unwrap(),
                    )
                });
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
            });
        }
    }
}
