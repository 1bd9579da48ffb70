//! pulse's benchmarks, against the daemon as a user starts it: the release `pulse daemon
//! --config <file>` (see `daemon.rs` for what the file holds), driven by a hyper load
//! generator in this process, with the LiveKit stand-in, the verifying receiver and a bare
//! hyper server (the ceiling, measured in the same run) each in a process of its own.
//! Everything binds to loopback and stops by itself.
//!
//!     cargo build --release --bins --examples
//!     target/release/examples/bench <scenario> [args] [--tuned] [--runs N]
//!
//! Scenarios:
//!   intake [events=30000] [connections=64]   durable intake alone vs bare hyper: rate, p50/p99
//!   storm  [events=60000] [connections=64]   fan-out to one verifying receiver: first send to
//!                                            last delivery, lost, duplicates, RSS, disk, restart
//!   fanout [events=100000] [rate=2000] [projects=10] [endpoints=10] [plot=docs/fanout-latency.png] [--every]
//!                                            events at a paced rate, spread one to one over the
//!                                            endpoints by room (`--every`: each to every endpoint
//!                                            of its project): delivery latency (intake 200 to
//!                                            receiver) as a histogram and a PNG over time
//!   reads  [seconds=5] [connections=64]      GET egress (ended, active), the list, vs bare hyper;
//!                                            LiveKit ListEgress calls per second
//!   logs   [logs=1000000] [projects=10]      log queries at that size (p50/p99); ready time
//!   pg-intake [events=30000] [connections=64] [daemons=3]   durable intake on PostgreSQL beside
//!                                            pgbench, bare hyper and sled in the same run
//!   pg-storm  [events=30000] [connections=64] [daemons=3]   fan-out on PostgreSQL
//!   ci                                       short intake, storm, fanout and reads (what `.ci/run`
//!                                            prints; figures, never a pass/fail)
//!
//! `--tuned` adds `daemon::TUNED` to the config file and marks every summary `tuned=1`.
//! `--runs N` repeats the scenario and ends with a `RANGE` line (min/median/max per figure).
//! Every scenario prints `SUMMARY scenario=… key=value …` lines in a stable format.

mod daemon;
mod fakes;
mod fanout;
mod load;
mod plot;
mod populate;
mod shared;
mod summary;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use daemon::{Daemon, Peak, Setup, dir_size};
use fakes::Helper;
use load::{Load, Req, run};
use summary::Summary;

/// The command line: positional numbers, `--tuned`, `--runs N`.
pub struct Args {
    pub scenario: String,
    nums: Vec<String>,
    pub tuned: bool,
    pub runs: usize,
    /// `fanout --every`: each event to every endpoint of its project.
    pub every: bool,
}

impl Args {
    fn parse() -> Args {
        let mut a = Args { scenario: String::new(), nums: Vec::new(), tuned: false, runs: 1, every: false };
        let mut it = std::env::args().skip(1);
        while let Some(x) = it.next() {
            match x.as_str() {
                "--tuned" => a.tuned = true,
                "--every" => a.every = true,
                "--runs" => a.runs = it.next().and_then(|n| n.parse().ok()).unwrap_or(1),
                _ if a.scenario.is_empty() => a.scenario = x,
                _ => a.nums.push(x),
            }
        }
        a
    }

    pub fn num(&self, i: usize, default: usize) -> usize {
        self.nums.get(i).and_then(|a| a.parse().ok()).unwrap_or(default)
    }

    pub fn text(&self, i: usize, default: &str) -> String {
        self.nums.get(i).cloned().unwrap_or_else(|| default.into())
    }
}

fn main() {
    let args = Args::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    // The stand-ins' own processes: each prints its address, then serves until killed.
    match args.scenario.as_str() {
        "_livekit" => return rt.block_on(fakes::livekit_main()),
        "_receiver" => return rt.block_on(fakes::receiver_main()),
        "_hyper" => return rt.block_on(load::bare_hyper_main()),
        _ => {}
    }
    rt.block_on(scenarios(args));
}

async fn scenarios(args: Args) {
    println!(
        "machine: {} cores; the daemon, the load generator (this process), the receiver, the LiveKit stand-in and \
         bare hyper are separate processes sharing them{}",
        num_cpus(),
        if args.tuned { "; daemon TUNED (see daemon::TUNED)" } else { "; daemon as shipped" }
    );
    let mut runs = Vec::new();
    for run in 0..args.runs {
        if args.runs > 1 {
            println!("-- run {} of {}", run + 1, args.runs);
        }
        let out = match args.scenario.as_str() {
            "intake" => vec![intake(&args, args.num(0, 30_000), args.num(1, 64)).await],
            "storm" => vec![storm(&args, args.num(0, 60_000), args.num(1, 64)).await],
            "fanout" => vec![fanout::run(&args, 0).await],
            "reads" => vec![reads(&args, args.num(0, 5) as u64, args.num(1, 64)).await],
            "logs" => vec![logs(&args, args.num(0, 1_000_000), args.num(1, 10)).await],
            "pg-intake" => shared::intake(&args, args.num(0, 30_000), args.num(1, 64), args.num(2, 3)).await,
            "pg-storm" => shared::storm(&args, args.num(0, 30_000), args.num(1, 64), args.num(2, 3)).await,
            "ci" => vec![
                intake(&args, 5_000, 64).await,
                storm(&args, 5_000, 64).await,
                fanout::short(&args).await,
                reads(&args, 2, 64).await,
            ],
            _ => {
                eprintln!(
                    "usage: bench intake|storm|fanout|reads|logs|pg-intake|pg-storm|ci [args] [--tuned] [--runs N] [--every]"
                );
                std::process::exit(2);
            }
        };
        for s in &out {
            println!("{}", s.line());
        }
        runs.push(out);
    }
    if args.runs > 1 {
        for i in 0..runs[0].len() {
            let one: Vec<Summary> = runs.iter().filter_map(|r| r.get(i).cloned()).collect();
            for l in summary::ranges(&one) {
                println!("{l}");
            }
        }
    }
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map_or(0, |n| n.get())
}

/// A JSON call to the daemon (set-up and read-out only, not measured), from `from` (a
/// loopback address: set-up spreads over several so the per-IP limit of a daemon as shipped
/// does not make it wait); a 429 waits for Retry-After and tries again.
pub async fn call_from(
    from: std::net::IpAddr,
    method: &str,
    url: &str,
    auth: (&str, String),
    body: Option<Value>,
) -> Value {
    // pulse builds reqwest without a TLS provider of its own; `pulse::http_client` installs
    // ring's, and this client (bound to `from`) needs it too.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder().local_address(from).timeout(Duration::from_secs(60)).build().unwrap();
    loop {
        let mut r = client.request(method.parse().unwrap(), url).header(auth.0, auth.1.clone());
        if let Some(b) = &body {
            r = r.json(b);
        }
        let resp = r.send().await.unwrap();
        if resp.status() == 429 {
            let wait = resp.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse().ok()).unwrap_or(1);
            tokio::time::sleep(Duration::from_secs(wait)).await;
            continue;
        }
        return resp.json().await.unwrap_or(Value::Null);
    }
}

pub async fn call(method: &str, url: &str, auth: (&str, String), body: Option<Value>) -> Value {
    call_from([127, 0, 0, 1].into(), method, url, auth, body).await
}

/// A project (and, with `webhook_url`, its first endpoint): (id, API key, endpoint secret).
pub async fn project(d: &Daemon, name: &str, webhook_url: Option<&str>) -> (String, String, Option<String>) {
    let mut body = json!({"name": name});
    if let Some(u) = webhook_url {
        body["webhook_url"] = json!(u);
    }
    let v =
        call("POST", &format!("{}/v1/projects", d.url()), ("authorization", format!("Bearer {}", d.admin)), Some(body))
            .await;
    (
        v["project"]["project_id"].as_str().unwrap_or_else(|| panic!("project create answered {v}")).into(),
        v["api_key"].as_str().unwrap().into(),
        v["webhook_endpoint"]["secret"].as_str().map(Into::into),
    )
}

/// `participant_joined` webhooks for room `<project>__<room>`, LiveKit ids
/// `EV_<16 hex digits>_<tag>_<i>`.
pub fn joins(project: &str, room: &str, tag: &str, n: usize) -> Arc<Vec<Req>> {
    Arc::new((0..n).map(|i| join(project, room, tag, i)).collect())
}

/// A LiveKit event id for the `i`th event of `tag`. LiveKit's own ids are random (`EV_` and
/// 12 random characters), so they land all over the store's id index, not at its end: the
/// 16 hex digits in front are a hash of (tag, i), and `i` stays readable at the end.
pub fn event_id(tag: &str, i: usize) -> String {
    let mut h = (i as u64)
        ^ tag.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    // splitmix64's finalizer
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    format!("EV_{h:016x}_{tag}_{i}")
}

pub fn join(project: &str, room: &str, tag: &str, i: usize) -> Req {
    let (body, token) = fakes::livekit_webhook(&json!({"event": "participant_joined", "id": event_id(tag, i),
        "room": {"sid": "RM_b", "name": format!("{project}__{room}")},
        "participant": {"sid": format!("PA_{i}"), "identity": format!("viewer-{i}"), "name": "Viewer"}}));
    Req {
        method: "POST",
        path: "/v1/webhooks/livekit".into(),
        headers: vec![("authorization", token), ("content-type", "application/webhook+json".into())],
        body: body.into(),
    }
}

pub async fn metric(d: &Daemon, name: &str) -> f64 {
    let client = pulse::http_client(Duration::from_secs(30));
    let text = client.get(format!("{}/metrics", d.url())).send().await.unwrap().text().await.unwrap();
    text.lines().find_map(|l| l.strip_prefix(&format!("{name} ")).and_then(|v| v.parse().ok())).unwrap_or(0.0)
}

/// A LiveKit stand-in and the set-up of daemons that use it.
pub fn livekit(args: &Args) -> (Helper, Setup) {
    let lk = Helper::spawn("_livekit");
    let setup = Setup { livekit: lk.url(""), tuned: args.tuned, extra: String::new() };
    (lk, setup)
}

/// Bare hyper's rate for these requests (warmed first).
async fn baseline(
    bare: &Helper,
    connections: usize,
    make: impl Fn(&str, usize) -> Arc<Vec<Req>>,
    n: usize,
) -> load::Report {
    run(&Load { addr: bare.addr, connections }, make("warm", n / 4), None).await;
    let base = run(&Load { addr: bare.addr, connections }, make("base", n), None).await;
    println!("{}", base.line("bare hyper (baseline)"));
    base
}

async fn intake(args: &Args, events: usize, connections: usize) -> Summary {
    let (_lk, setup) = livekit(args);
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(&dir.path().join("data"), &setup);
    let (project, _, _) = project(&d, "bench", None).await;
    let bare = Helper::spawn("_hyper");
    println!("intake: {events} distinct participant_joined webhooks, {connections} keep-alive connections");
    let base = baseline(&bare, connections, |tag, n| joins(&project, "stage", tag, n), events).await;
    run(&Load { addr: d.addr, connections }, joins(&project, "stage", "warm", events / 10), None).await;
    let (g0, c0) = (metric(&d, "pulse_store_commit_groups_total").await, metric(&d, "pulse_store_commits_total").await);
    let peak = Peak::rss(d.child.id());
    let cpu0 = d.cpu_s();
    let r = run(&Load { addr: d.addr, connections }, joins(&project, "stage", "run", events), None).await;
    let cpu_us = (d.cpu_s() - cpu0) * 1e6 / events as f64;
    let rss = peak.finish();
    let (g1, c1) = (metric(&d, "pulse_store_commit_groups_total").await, metric(&d, "pulse_store_commits_total").await);
    println!("{}", r.line("pulse durable intake"));
    println!(
        "ratio {:.3} of bare hyper; {:.0} commands per flush; daemon CPU {cpu_us:.0} µs per event; peak RSS {rss:.0} MB",
        r.rate() / base.rate(),
        (c1 - c0) / (g1 - g0).max(1.0)
    );
    let mut s = Summary::new("intake", args.tuned, "sled");
    s.add("events", events as f64)
        .add("ok", r.ok as f64)
        .add("rate", r.rate())
        .add("hyper", base.rate())
        .add("ratio", r.rate() / base.rate())
        .add("p50_ms", r.pct(0.5).as_secs_f64() * 1e3)
        .add("p99_ms", r.pct(0.99).as_secs_f64() * 1e3)
        .add("cpu_us_per_event", cpu_us)
        .add("rss_mb", rss);
    s
}

/// Waits until the receiver holds `want` distinct deliveries (or `limit` passes).
pub async fn await_deliveries(rx: &Helper, want: u64, limit: Duration) -> fakes::RxStats {
    let deadline = Instant::now() + limit;
    loop {
        let s = fakes::rx_stats(rx).await;
        if s.distinct >= want || Instant::now() > deadline {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn storm(args: &Args, events: usize, connections: usize) -> Summary {
    let (_lk, setup) = livekit(args);
    let rx = Helper::spawn("_receiver");
    let bare = Helper::spawn("_hyper");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let d = Daemon::start(&data, &setup);
    let (project, _, secret) = project(&d, "bench", Some(&rx.url("/hook/storm"))).await;
    rx.control("POST", "/_register/storm", secret).await;
    println!("storm: {events} distinct events to one endpoint over {connections} connections");
    let base = baseline(&bare, connections, |tag, n| joins(&project, "stage", tag, n), events / 2).await;
    let reqs = joins(&project, "stage", "storm", events);
    let peak = Peak::rss(d.child.id());
    let first_send = fakes::unix_ns();
    let cpu0 = d.cpu_s();
    let r = run(&Load { addr: d.addr, connections }, reqs, None).await;
    println!("{}   ratio {:.3} of bare hyper", r.line("intake during the storm"), r.rate() / base.rate());
    let seen = await_deliveries(&rx, r.ok as u64, Duration::from_secs(240)).await;
    let cpu_us = (d.cpu_s() - cpu0) * 1e6 / events as f64;
    let rss = peak.finish();
    let last = (seen.last_ns.saturating_sub(first_send)) as f64 / 1e9;
    let lost = (r.ok as u64).saturating_sub(seen.distinct);
    let dups = seen.requests - seen.distinct;
    println!(
        "delivered {} distinct of {} acknowledged ({lost} lost), {} requests ({dups} duplicates), {} bad signatures",
        seen.distinct, r.ok, seen.requests, seen.bad_signatures
    );
    println!(
        "first send to last delivery: {last:.2} s; daemon CPU {cpu_us:.0} µs per event (intake and delivery); peak RSS {rss:.0} MB"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let size = dir_size(&data);
    println!(
        "data dir {:.1} MB = {:.0} bytes per event with its delivery log (payload, attempt and response body kept)",
        size as f64 / 1e6,
        size as f64 / events as f64
    );
    d.stop();
    let again = Daemon::start(&data, &setup);
    println!(
        "restart on that data dir: ready in {:.2} s, RSS {:.0} MB",
        again.ready_after.as_secs_f64(),
        again.rss_mb()
    );
    let ready = again.ready_after.as_secs_f64();
    again.stop();
    let mut s = Summary::new("storm", args.tuned, "sled");
    s.add("events", events as f64)
        .add("ok", r.ok as f64)
        .add("intake_rate", r.rate())
        .add("hyper", base.rate())
        .add("intake_ratio", r.rate() / base.rate())
        .add("intake_p99_ms", r.pct(0.99).as_secs_f64() * 1e3)
        .add("last_delivery_s", last)
        .add("lost", lost as f64)
        .add("duplicates", dups as f64)
        .add("bad_signatures", seen.bad_signatures as f64)
        .add("cpu_us_per_event", cpu_us)
        .add("rss_mb", rss)
        .add("restart_ready_s", ready);
    s
}

async fn logs(args: &Args, total: usize, projects: usize) -> Summary {
    let (_lk, setup) = livekit(args);
    let mut dir = tempfile::tempdir().unwrap();
    if std::env::var_os("PULSE_BENCH_KEEP").is_some() {
        // For profiling a start on this data dir afterwards.
        println!("keeping {}", dir.path().display());
        dir.disable_cleanup(true);
    }
    let data = dir.path().join("data");
    let t0 = Instant::now();
    let keys = populate::logs(&data, total, projects).await;
    println!(
        "logs: wrote {total} delivery logs (10 % failed) with their events across {projects} projects in {:.1} s; data dir {:.0} MB",
        t0.elapsed().as_secs_f64(),
        dir_size(&data) as f64 / 1e6
    );
    let d = Daemon::start(&data, &setup);
    println!(
        "daemon ready in {:.2} s with that data dir; RSS at rest {:.0} MB",
        d.ready_after.as_secs_f64(),
        d.rss_mb()
    );
    let mut s = Summary::new("logs", args.tuned, "sled");
    s.add("logs", total as f64).add("ready_s", d.ready_after.as_secs_f64()).add("rss_mb", d.rss_mb());
    let key = &keys[0];
    let one = Load { addr: d.addr, connections: 1 };
    // 60 queries each: within the per-IP limit of a daemon as shipped (100 a minute).
    let q = |path: &str| Arc::new(vec![Req::get(path, vec![("x-pulse-key", key.clone())]); 20]);
    for (what, key, path) in [
        ("first page", "first_page_p50_ms", "/v1/webhooks/logs?limit=20"),
        ("status=failed", "failed_p50_ms", "/v1/webhooks/logs?limit=20&status=failed"),
        ("page 500", "page500_p50_ms", "/v1/webhooks/logs?limit=20&page=500"),
        (
            "status=failed&event=…&since=24h",
            "filtered_p50_ms",
            "/v1/webhooks/logs?limit=20&status=failed&event=participant_joined&since=24h",
        ),
    ] {
        let r = run(&one, q(path), None).await;
        println!("{}", r.line(what));
        s.add(key, r.pct(0.5).as_secs_f64() * 1e3);
    }
    d.stop();
    s
}

async fn reads(args: &Args, seconds: u64, connections: usize) -> Summary {
    let (lk, setup) = livekit(args);
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(&dir.path().join("data"), &setup);
    let (_, key, _) = project(&d, "bench", None).await;
    let auth = || ("x-pulse-key", key.clone());
    let start_url = format!("{}/v1/media/egress/start", d.url());
    let start = || call("POST", &start_url, auth(), Some(json!({"room_name": "r", "output_type": "hls"})));
    let ended = start().await;
    let active = start().await;
    lk.control("POST", "/_end", ended["livekit_egress_id"].as_str().map(Into::into)).await;
    let e = call("GET", &format!("{}/v1/media/egress/{}", d.url(), ended["egress_id"].as_str().unwrap()), auth(), None)
        .await;
    assert_eq!(e["status"], "ended", "{e}");
    let time = Some(Duration::from_secs(seconds));
    let bare = Helper::spawn("_hyper");
    let get = |id: &str| Arc::new(vec![Req::get(format!("/v1/media/egress/{id}"), vec![auth()])]);
    println!("reads: {connections} keep-alive connections, {seconds} s each");
    let base = run(&Load { addr: bare.addr, connections }, get("x"), time).await;
    println!("{}", base.line("bare hyper (baseline)"));
    let mut s = Summary::new("reads", args.tuned, "sled");
    s.add("hyper", base.rate());
    let list_calls = || async {
        let v: Value = serde_json::from_str(&lk.control("GET", "/_stats", None).await).unwrap();
        v["list_egress"].as_u64().unwrap_or(0)
    };
    let report = |what: &str, key: &'static str, r: &load::Report, s: &mut Summary| {
        // As shipped, one address past its per-IP limit gets 429s: those are answers too (the
        // limiter's cost is part of the read path) and are counted apart from the 200s.
        let answered = r.statuses.values().sum::<usize>() as f64 / r.elapsed.as_secs_f64();
        let limited = r.statuses.get(&429).copied().unwrap_or(0);
        println!(
            "{}  {:.2} of bare (200s); all answers {answered:.0}/s = {:.2} of bare ({limited} were 429)",
            r.line(what),
            r.rate() / base.rate(),
            answered / base.rate()
        );
        s.add(key, answered / base.rate());
    };
    let r = run(&Load { addr: d.addr, connections }, get(ended["egress_id"].as_str().unwrap()), time).await;
    report("GET egress (ended)", "ended_ratio", &r, &mut s);
    let calls0 = list_calls().await;
    let r = run(&Load { addr: d.addr, connections }, get(active["egress_id"].as_str().unwrap()), time).await;
    let calls = list_calls().await - calls0;
    report("GET egress (active)", "active_ratio", &r, &mut s);
    let ok_ratio = r.rate() / base.rate();
    println!(
        "LiveKit saw {calls} ListEgress calls in {seconds} s = {:.1}/s for that one egress",
        calls as f64 / seconds as f64
    );
    s.add("active_ok_ratio", ok_ratio).add("list_egress_per_s", calls as f64 / seconds as f64);
    let list = Arc::new(vec![Req::get("/v1/media/egress?limit=20", vec![auth()])]);
    let r = run(&Load { addr: d.addr, connections }, list, time).await;
    report("GET egress list", "list_ratio", &r, &mut s);
    s.add("rss_mb", d.rss_mb());
    d.stop();
    s
}
