//! Intake benchmark: how many LiveKit webhooks per second `POST /v1/webhooks/livekit` accepts
//! *durably* (answered 200 only after the event and its deliveries are flushed and
//! fdatasync'd), against a bare warp server on the same loopback as the baseline.
//!
//!     cargo run --release --example intake_bench -- [events] [concurrency]
//!
//! Everything binds to 127.0.0.1 and stops by itself. Tokens are signed before timing.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use warp::Filter;

fn token(body: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let header = b64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let sha = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body));
    let claims = serde_json::json!({"iss": "devkey", "nbf": now, "exp": now + 600, "sha256": sha});
    let payload = b64.encode(claims.to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    format!("{header}.{payload}.{}", b64.encode(mac.finalize().into_bytes()))
}

/// Sends every (body, token) to `url` with `concurrency` workers; returns (ok, elapsed).
async fn blast(url: &str, requests: Arc<Vec<(String, String)>>, concurrency: usize) -> (usize, Duration) {
    let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build().unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    let ok = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, url, requests, next, ok) =
                (client.clone(), url.to_string(), requests.clone(), next.clone(), ok.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((body, token)) = requests.get(i) else { break };
                    let r = client.post(&url).header("authorization", token).body(body.clone()).send().await;
                    if r.is_ok_and(|r| r.status() == 200) {
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    (ok.load(Ordering::Relaxed), started.elapsed())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let events: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let concurrency: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(64);

    // A customer endpoint that answers 200 at once.
    let sink = warp::any().map(|| "ok");
    let sink_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sink_url = format!("http://{}/hook", sink_listener.local_addr().unwrap());
    tokio::spawn(warp::serve(sink).incoming(sink_listener).run());

    // The daemon, in-process, release build, real store on disk.
    let dir = tempfile::tempdir().unwrap();
    let mut config = pulse::config::Config::default();
    config.daemon.data_dir = Some(dir.path().to_path_buf());
    config.daemon.admin_token = Some("bench-admin-token-0123456789".into());
    config.webhooks.allowed_cidrs = vec!["127.0.0.0/8".into()];
    config.livekit.reconcile_interval = "1h".into();
    let settings = config.validate().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let daemon = pulse::daemon::spawn(settings, listener).await.unwrap();
    let base = format!("http://{}", daemon.addr);
    let client = reqwest::Client::new();
    let created: serde_json::Value = client
        .post(format!("{base}/v1/projects"))
        .bearer_auth(&daemon.admin_token)
        .json(&if std::env::var_os("BENCH_NO_ENDPOINT").is_some() {
            serde_json::json!({"name": "bench"})
        } else {
            serde_json::json!({"name": "bench", "webhook_url": sink_url})
        })
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let project = created["project"]["project_id"].as_str().unwrap().to_string();

    let make = |tag: &str| -> Arc<Vec<(String, String)>> {
        Arc::new(
            (0..events)
                .map(|i| {
                    let body = serde_json::json!({"event": "participant_joined", "id": format!("EV_{tag}_{i}"),
                        "room": {"sid": "RM_b", "name": format!("{project}__stage")},
                        "participant": {"sid": format!("PA_{i}"), "identity": format!("viewer-{i}")}})
                    .to_string();
                    let t = token(body.as_bytes());
                    (body, t)
                })
                .collect(),
        )
    };

    // Baseline: a bare warp server that reads the body and answers 200.
    let bare = warp::post().and(warp::body::bytes()).map(|_b: bytes::Bytes| "ok");
    let bare_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let bare_url = format!("http://{}/v1/webhooks/livekit", bare_listener.local_addr().unwrap());
    tokio::spawn(warp::serve(bare).incoming(bare_listener).run());

    let warmup = make("warm");
    blast(&bare_url, warmup.clone(), concurrency).await;
    let (b_ok, b_time) = blast(&bare_url, make("base"), concurrency).await;

    let s = daemon.store.commit_stats();
    let (g0, w0, f0, s0) = (s.batches, s.commands, s.flush_nanos, s.sync_nanos);
    let (p_ok, p_time) = blast(&format!("{base}/v1/webhooks/livekit"), make("pulse"), concurrency).await;
    let s = daemon.store.commit_stats();
    let groups = s.batches - g0;
    let waiters = s.commands - w0;
    let flush_ms = (s.flush_nanos - f0) as f64 / 1e6;
    let sync_ms = (s.sync_nanos - s0) as f64 / 1e6;

    let rate = |n: usize, t: Duration| n as f64 / t.as_secs_f64();
    println!(
        "events={events} concurrency={concurrency} (127.0.0.1, {} cores)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("baseline bare warp : {b_ok} ok in {:.2} s = {:>8.0} req/s", b_time.as_secs_f64(), rate(b_ok, b_time));
    println!(
        "pulse intake       : {p_ok} ok in {:.2} s = {:>8.0} events/s durably accepted ({:.0} % of baseline)",
        p_time.as_secs_f64(),
        rate(p_ok, p_time),
        100.0 * rate(p_ok, p_time) / rate(b_ok, b_time)
    );
    println!(
        "group commit       : {groups} flushes for {waiters} commits ({:.1} commits/flush); per flush {:.2} ms sled flush + {:.2} ms fdatasync",
        waiters as f64 / groups.max(1) as f64,
        flush_ms / groups.max(1) as f64,
        sync_ms / groups.max(1) as f64
    );

    // Let the deliveries drain, then report.
    let drain_started = Instant::now();
    let deadline = drain_started + Duration::from_secs(120);
    let scheduled = || async { daemon.store.queue_counts(i64::MAX).await.unwrap().scheduled };
    while scheduled().await > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!(
        "deliveries         : {} delivered to the sink, the last {:.2} s after intake ended; {} still scheduled",
        daemon.state.core.metrics.delivered.load(Ordering::Relaxed),
        drain_started.elapsed().as_secs_f64(),
        scheduled().await
    );
    daemon.shutdown().await;
}
