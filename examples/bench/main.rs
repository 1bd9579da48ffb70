//! pulse's benchmarks: the real `pulse daemon` (release build, a child process on 127.0.0.1)
//! driven by a hyper load generator, with a bare hyper server measured in the same run as the
//! ceiling. Everything binds to loopback and stops by itself.
//!
//!     cargo build --release && cargo run --release --example bench -- <scenario> [args]
//!
//! Scenarios:
//!   intake [events=30000] [connections=64]   durable intake alone vs bare hyper: rate, p50/p99
//!   storm  [events=60000] [connections=64]   fan-out to one verifying receiver: first send to
//!                                            last delivery, lost, duplicates, RSS, disk, restart
//!   logs   [logs=1000000] [projects=10]      log queries at that size: first page, status
//!                                            filter, page 500 (p50/p99); ready time; RSS at rest
//!   reads  [seconds=5] [connections=64]      GET egress (ended, active), the list, vs bare hyper;
//!                                            LiveKit ListEgress calls per second
//!   pg-intake [events=30000] [connections=64] [daemons=3]
//!                                            durable intake on PostgreSQL, one daemon and several,
//!                                            beside bare hyper and sled in the same run
//!   pg-storm  [events=30000] [connections=64] [daemons=3]
//!                                            fan-out on PostgreSQL, one daemon and several

mod daemon;
mod fakes;
mod load;
mod populate;
mod shared;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use daemon::{ADMIN, Daemon, Peak, dir_size};
use load::{Load, Req, bare_hyper, run};

fn arg(n: usize, default: usize) -> usize {
    std::env::args().nth(n).and_then(|a| a.parse().ok()).unwrap_or(default)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    println!("machine: {} cores; load generator, daemon and receiver share them", num_cpus());
    match scenario.as_str() {
        "intake" => intake(arg(2, 30_000), arg(3, 64)).await,
        "storm" => storm(arg(2, 60_000), arg(3, 64)).await,
        "logs" => logs(arg(2, 1_000_000), arg(3, 10)).await,
        "reads" => reads(arg(2, 5) as u64, arg(3, 64)).await,
        "pg-intake" => shared::intake(arg(2, 30_000), arg(3, 64), arg(4, 3)).await,
        "pg-storm" => shared::storm(arg(2, 30_000), arg(3, 64), arg(4, 3)).await,
        _ => eprintln!("usage: bench intake|storm|logs|reads [args] (see examples/bench/main.rs)"),
    }
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map_or(0, |n| n.get())
}

/// A blocking JSON call to the daemon (set-up only, not measured).
async fn call(method: &str, url: &str, auth: (&str, String), body: Option<Value>) -> Value {
    let client = pulse::http_client(Duration::from_secs(30));
    let mut r = client.request(method.parse().unwrap(), url).header(auth.0, auth.1);
    if let Some(b) = body {
        r = r.json(&b);
    }
    r.send().await.unwrap().json().await.unwrap_or(Value::Null)
}

async fn project(d: &Daemon, webhook_url: Option<&str>) -> (String, String, Option<String>) {
    let mut body = json!({"name": "bench"});
    if let Some(u) = webhook_url {
        body["webhook_url"] = json!(u);
    }
    let v = call("POST", &format!("{}/v1/projects", d.url()), ("authorization", format!("Bearer {ADMIN}")), Some(body))
        .await;
    (
        v["project"]["project_id"].as_str().unwrap().into(),
        v["api_key"].as_str().unwrap().into(),
        v["webhook_endpoint"]["secret"].as_str().map(Into::into),
    )
}

/// `participant_joined` webhooks for `project`, distinct ids, signed.
fn joins(project: &str, tag: &str, n: usize) -> Arc<Vec<Req>> {
    Arc::new(
        (0..n)
            .map(|i| {
                let (body, token) =
                    fakes::livekit_webhook(&json!({"event": "participant_joined", "id": format!("EV_{tag}_{i}"),
                    "room": {"sid": "RM_b", "name": format!("{project}__stage")},
                    "participant": {"sid": format!("PA_{i}"), "identity": format!("viewer-{i}"), "name": "Viewer"}}));
                Req {
                    method: "POST",
                    path: "/v1/webhooks/livekit".into(),
                    headers: vec![("authorization", token), ("content-type", "application/webhook+json".into())],
                    body: body.into(),
                }
            })
            .collect(),
    )
}

async fn metric(d: &Daemon, name: &str) -> f64 {
    let client = pulse::http_client(Duration::from_secs(30));
    let text = client.get(format!("{}/metrics", d.url())).send().await.unwrap().text().await.unwrap();
    text.lines().find_map(|l| l.strip_prefix(&format!("{name} ")).and_then(|v| v.parse().ok())).unwrap_or(0.0)
}

async fn intake(events: usize, connections: usize) {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path(), "http://127.0.0.1:9", &[]);
    let (project, _, _) = project(&d, None).await;
    let bare = bare_hyper().await;
    println!("intake: {events} distinct participant_joined webhooks, {connections} keep-alive connections");
    run(&Load { addr: bare, connections }, joins(&project, "warm", events / 4), None).await;
    let base = run(&Load { addr: bare, connections }, joins(&project, "base", events), None).await;
    println!("{}", base.line("bare hyper (baseline)"));
    run(&Load { addr: d.addr, connections }, joins(&project, "warm", events / 10), None).await;
    let (g0, c0) = (metric(&d, "pulse_store_commit_groups_total").await, metric(&d, "pulse_store_commits_total").await);
    let peak = Peak::rss(d.child.id());
    let r = run(&Load { addr: d.addr, connections }, joins(&project, "run", events), None).await;
    let rss = peak.finish();
    let (g1, c1) = (metric(&d, "pulse_store_commit_groups_total").await, metric(&d, "pulse_store_commits_total").await);
    println!("{}", r.line("pulse durable intake"));
    println!(
        "ratio {:.3} of bare hyper; {:.0} commands per flush; peak RSS {rss:.0} MB",
        r.rate() / base.rate(),
        (c1 - c0) / (g1 - g0).max(1.0)
    );
    d.stop();
}

async fn storm(events: usize, connections: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (rx, rx_addr) = fakes::Receiver::start().await;
    let d = Daemon::start(dir.path(), "http://127.0.0.1:9", &[]);
    let (project, _, secret) = project(&d, Some(&format!("http://{rx_addr}/hook"))).await;
    *rx.secret.lock().unwrap() = secret;
    let reqs = joins(&project, "storm", events);
    println!("storm: {events} distinct events to one endpoint over {connections} connections");
    let peak = Peak::rss(d.child.id());
    let first_send = Instant::now();
    let r = run(&Load { addr: d.addr, connections }, reqs, None).await;
    println!("{}", r.line("intake during the storm"));
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let n = rx.seen.lock().unwrap().distinct.len();
        if n >= r.ok || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let rss = peak.finish();
    let seen = std::mem::take(&mut *rx.seen.lock().unwrap());
    let last = seen.last.map(|l| l.duration_since(first_send).as_secs_f64()).unwrap_or(f64::NAN);
    println!(
        "delivered {} distinct of {} acknowledged ({} lost), {} requests ({} duplicates), {} bad signatures",
        seen.distinct.len(),
        r.ok,
        r.ok.saturating_sub(seen.distinct.len()),
        seen.requests,
        seen.requests - seen.distinct.len() as u64,
        seen.bad_signatures
    );
    println!("first send to last delivery: {last:.2} s; peak RSS {rss:.0} MB");
    let text = pulse::http_client(Duration::from_secs(5))
        .get(format!("{}/metrics", d.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for l in text
        .lines()
        .filter(|l| l.starts_with("pulse_webhook_attempts_total") || l.starts_with("pulse_webhook_deliveries_total"))
    {
        println!("  {l}");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let size = dir_size(dir.path());
    println!(
        "data dir {:.1} MB = {:.0} bytes per event with its delivery log (payload, attempt and response body kept)",
        size as f64 / 1e6,
        size as f64 / events as f64
    );
    d.stop();
    {
        let store = pulse::store::sled::SledStore::open(dir.path(), 8).unwrap();
        let groups = store.live_bytes_by_group();
        let (keys, bytes) = groups.values().fold((0, 0), |(n, b), (gn, gb)| (n + gn, b + gb));
        println!(
            "live data: {keys} keys, {:.1} MB = {:.0} bytes per event; sled reports {:.1} MB on disk",
            bytes as f64 / 1e6,
            bytes as f64 / events as f64,
            pulse::store::Upkeep::size_on_disk(&store) as f64 / 1e6
        );
        for (group, (n, b)) in groups {
            println!("  {group:<3} {n:>8} keys {:>6.0} bytes per event", b as f64 / events as f64);
        }
        pulse::store::Upkeep::close(&store).await.unwrap();
    }
    let again = Daemon::start(dir.path(), "http://127.0.0.1:9", &[]);
    println!(
        "restart on that data dir: ready in {:.2} s, RSS {:.0} MB",
        again.ready_after.as_secs_f64(),
        again.rss_mb()
    );
    again.stop();
}

async fn logs(total: usize, projects: usize) {
    let mut dir = tempfile::tempdir().unwrap();
    if std::env::var_os("PULSE_BENCH_KEEP").is_some() {
        // For profiling a start on this data dir afterwards.
        println!("keeping {}", dir.path().display());
        dir.disable_cleanup(true);
    }
    let t0 = Instant::now();
    let keys = populate::logs(dir.path(), total, projects).await;
    println!(
        "logs: wrote {total} delivery logs (10 % failed) with their events across {projects} projects in {:.1} s; data dir {:.0} MB",
        t0.elapsed().as_secs_f64(),
        dir_size(dir.path()) as f64 / 1e6
    );
    let d = Daemon::start(dir.path(), "http://127.0.0.1:9", &[]);
    println!(
        "daemon ready in {:.2} s with that data dir; RSS at rest {:.0} MB",
        d.ready_after.as_secs_f64(),
        d.rss_mb()
    );
    let key = &keys[0];
    let one = Load { addr: d.addr, connections: 1 };
    let q = |path: &str| Arc::new(vec![Req::get(path, vec![("x-pulse-key", key.clone())]); 300]);
    for (what, path) in [
        ("first page", "/v1/webhooks/logs?limit=20"),
        ("status=failed", "/v1/webhooks/logs?limit=20&status=failed"),
        ("page 500", "/v1/webhooks/logs?limit=20&page=500"),
        (
            "status=failed&event=…&since=24h",
            "/v1/webhooks/logs?limit=20&status=failed&event=participant_joined&since=24h",
        ),
    ] {
        let r = run(&one, q(path), None).await;
        println!("{}", r.line(what));
    }
    let v = call("GET", &format!("{}/v1/webhooks/logs?limit=1", d.url()), ("x-pulse-key", key.clone()), None).await;
    println!("project 1 holds {} logs; RSS after the queries {:.0} MB", v["pagination"]["total"], d.rss_mb());
    d.stop();
}

async fn reads(seconds: u64, connections: usize) {
    let (lk, lk_addr) = fakes::FakeLiveKit::start().await;
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path(), &format!("http://{lk_addr}"), &[]);
    let (_, key, _) = project(&d, None).await;
    let auth = || ("x-pulse-key", key.clone());
    let start_url = format!("{}/v1/media/egress/start", d.url());
    let start = || call("POST", &start_url, auth(), Some(json!({"room_name": "r", "output_type": "hls"})));
    let ended = start().await;
    let active = start().await;
    lk.ended.lock().unwrap().insert(ended["livekit_egress_id"].as_str().unwrap().into());
    let e = call("GET", &format!("{}/v1/media/egress/{}", d.url(), ended["egress_id"].as_str().unwrap()), auth(), None)
        .await;
    assert_eq!(e["status"], "ended", "{e}");
    let time = Some(Duration::from_secs(seconds));
    let bare = bare_hyper().await;
    let get = |id: &str| Arc::new(vec![Req::get(format!("/v1/media/egress/{id}"), vec![auth()])]);
    println!("reads: {connections} keep-alive connections, {seconds} s each");
    let base = run(&Load { addr: bare, connections }, get("x"), time).await;
    println!("{}", base.line("bare hyper (baseline)"));
    let r = run(&Load { addr: d.addr, connections }, get(ended["egress_id"].as_str().unwrap()), time).await;
    println!("{}  {:.2} of bare", r.line("GET egress (ended)"), r.rate() / base.rate());
    let calls0 = lk.list_calls.load(std::sync::atomic::Ordering::Relaxed);
    let r = run(&Load { addr: d.addr, connections }, get(active["egress_id"].as_str().unwrap()), time).await;
    let calls = lk.list_calls.load(std::sync::atomic::Ordering::Relaxed) - calls0;
    println!("{}  {:.2} of bare", r.line("GET egress (active)"), r.rate() / base.rate());
    println!(
        "LiveKit saw {calls} ListEgress calls in {seconds} s = {:.1}/s for that one egress",
        calls as f64 / seconds as f64
    );
    let list = Arc::new(vec![Req::get("/v1/media/egress?limit=20", vec![auth()])]);
    let r = run(&Load { addr: d.addr, connections }, list, time).await;
    println!("{}  {:.2} of bare", r.line("GET egress list"), r.rate() / base.rate());
    d.stop();
}
