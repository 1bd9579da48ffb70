//! PostgreSQL scenarios: durable intake and fan-out with one daemon or several on one fresh
//! database (made on the server at `PULSE_BENCH_PG_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`, and dropped afterwards), with bare hyper and the
//! sled daemon measured in the same run.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::daemon::{Daemon, Peak, Setup};
use crate::fakes::{self, Helper};
use crate::load::{Load, Report, Req, run};
use crate::summary::Summary;
use crate::{Args, joins, livekit, project};

/// A database for one run.
pub struct BenchDb {
    pub url: String,
    name: String,
    admin: String,
}

async fn admin(url: &str) -> tokio_postgres::Client {
    let (c, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("a PostgreSQL server");
    tokio::spawn(conn);
    c
}

impl BenchDb {
    pub async fn create() -> BenchDb {
        let admin_url =
            std::env::var("PULSE_BENCH_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let name = format!("pulse_bench_{}", ulid::Ulid::new().to_string().to_lowercase());
        admin(&admin_url).await.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
        let prefix = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(p, _)| p).to_string();
        BenchDb { url: format!("{prefix}/{name}"), name, admin: admin_url }
    }

    pub async fn drop_now(self) {
        let _ = admin(&self.admin)
            .await
            .batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))
            .await;
    }
}

/// `n` daemons on `db`, each with the `[store]` section a user writes (default pool size).
fn daemons(db: &BenchDb, n: usize, dirs: &[tempfile::TempDir], setup: &Setup) -> Vec<Daemon> {
    let setup = Setup { extra: format!("[store]\nbackend = \"postgres\"\nurl = \"{}\"\n", db.url), ..setup.clone() };
    (0..n).map(|i| Daemon::start(&dirs[i].path().join("data"), &setup)).collect()
}

/// Sends `reqs` spread over `ds` (connections shared out), all at once; one report for all.
async fn spread(ds: &[Daemon], connections: usize, reqs: Arc<Vec<Req>>) -> Report {
    let n = ds.len();
    let parts: Vec<Arc<Vec<Req>>> =
        (0..n).map(|i| Arc::new(reqs.iter().skip(i).step_by(n).cloned().collect::<Vec<_>>())).collect();
    let started = Instant::now();
    let runs = ds.iter().zip(parts).map(|(d, part)| {
        let load = Load { addr: d.addr, connections: (connections / n).max(1) };
        async move { run(&load, part, None).await }
    });
    let reports = futures_util::future::join_all(runs).await;
    let mut all = Report {
        ok: 0,
        failed: 0,
        statuses: Default::default(),
        elapsed: started.elapsed(),
        latencies: Vec::new(),
        done: Vec::new(),
    };
    for r in reports {
        all.ok += r.ok;
        all.failed += r.failed;
        for (s, c) in r.statuses {
            *all.statuses.entry(s).or_insert(0) += c;
        }
        all.latencies.extend(r.latencies);
    }
    all.latencies.sort();
    all
}

pub async fn intake(args: &Args, events: usize, connections: usize, daemons_n: usize) -> Vec<Summary> {
    let (_lk, setup) = livekit(args);
    let bare = Helper::spawn("_hyper");
    println!("intake on PostgreSQL: {events} distinct participant_joined webhooks, {connections} connections");
    // The ceiling and the embedded store, in the same run.
    let sled_dir = tempfile::tempdir().unwrap();
    let sled = Daemon::start(&sled_dir.path().join("data"), &setup);
    let (project_id, _, _) = project(&sled, "bench", None).await;
    run(&Load { addr: bare.addr, connections }, joins(&project_id, "stage", "warm", events / 4), None).await;
    let base = run(&Load { addr: bare.addr, connections }, joins(&project_id, "stage", "base", events), None).await;
    println!("{}", base.line("bare hyper (baseline)"));
    run(&Load { addr: sled.addr, connections }, joins(&project_id, "stage", "warm", events / 10), None).await;
    let s = run(&Load { addr: sled.addr, connections }, joins(&project_id, "stage", "run", events), None).await;
    println!("{}   ratio {:.3}", s.line("sled, one daemon"), s.rate() / base.rate());
    drop(sled);
    let pgbench_tps = pgbench(connections).await;
    let mut out = Vec::new();
    for n in [1, daemons_n].into_iter().collect::<std::collections::BTreeSet<_>>() {
        let db = BenchDb::create().await;
        let dirs: Vec<_> = (0..n).map(|_| tempfile::tempdir().unwrap()).collect();
        let ds = daemons(&db, n, &dirs, &setup);
        let (project_id, _, _) = project(&ds[0], "bench", None).await;
        spread(&ds, connections, joins(&project_id, "stage", "warm", events / 10)).await;
        let peaks: Vec<_> = ds.iter().map(|d| Peak::rss(d.child.id())).collect();
        let r = spread(&ds, connections, joins(&project_id, "stage", "run", events)).await;
        let rss: Vec<f64> = peaks.into_iter().map(|p| p.finish()).collect();
        println!(
            "{}   ratio {:.3} of hyper, {:.3} of pgbench; peak RSS {:?} MB",
            r.line(&format!("postgres, {n} daemon{}", if n > 1 { "s" } else { "" })),
            r.rate() / base.rate(),
            r.rate() / pgbench_tps,
            rss
        );
        let mut sum = Summary::new("pg-intake", args.tuned, "postgres");
        sum.add("daemons", n as f64)
            .add("events", events as f64)
            .add("rate", r.rate())
            .add("pgbench_tps", pgbench_tps)
            .add("pgbench_ratio", r.rate() / pgbench_tps)
            .add("hyper_ratio", r.rate() / base.rate())
            .add("p99_ms", r.pct(0.99).as_secs_f64() * 1e3)
            .add("rss_mb", rss.iter().copied().fold(0.0, f64::max));
        out.push(sum);
        drop(ds);
        db.drop_now().await;
    }
    out
}

/// The database's own ceiling in this run: pgbench committing transactions shaped like an
/// intake's (two inserts with a JSON column, synchronous commit) over as many clients as the
/// daemon's pool (its default size). NaN when pgbench is not installed.
async fn pgbench(clients: usize) -> f64 {
    let db = BenchDb::create().await;
    admin(&db.url).await.batch_execute("CREATE TABLE pb (id text PRIMARY KEY, seen bigint, data jsonb)").await.unwrap();
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        script.path(),
        "BEGIN;\nINSERT INTO pb VALUES (md5(random()::text), 1, '{\"a\": 1}');\n\
         INSERT INTO pb VALUES (md5(random()::text), 1, '{\"a\": 1}');\nCOMMIT;\n",
    )
    .unwrap();
    let out = std::process::Command::new("pgbench")
        .args(["-n", "-c", &clients.min(16).to_string(), "-j", "2", "-T", "8", "-f"])
        .arg(script.path())
        .arg(&db.url)
        .output();
    let tps = match out {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout);
            let line = text.lines().find(|l| l.starts_with("tps")).unwrap_or("tps = ?");
            println!("{:<34} {line} (two inserts per durable transaction; the database's ceiling here)", "pgbench");
            line.split_whitespace().nth(2).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
        }
        Err(e) => {
            println!("pgbench not run ({e})");
            f64::NAN
        }
    };
    db.drop_now().await;
    tps
}

pub async fn storm(args: &Args, events: usize, connections: usize, daemons_n: usize) -> Vec<Summary> {
    let (_lk, setup) = livekit(args);
    println!("storm on PostgreSQL: {events} distinct events to one endpoint over {connections} connections");
    let mut out = Vec::new();
    for n in [1, daemons_n].into_iter().collect::<std::collections::BTreeSet<_>>() {
        let db = BenchDb::create().await;
        let rx = Helper::spawn("_receiver");
        let dirs: Vec<_> = (0..n).map(|_| tempfile::tempdir().unwrap()).collect();
        let ds = daemons(&db, n, &dirs, &setup);
        let (project_id, _, secret) = project(&ds[0], "bench", Some(&rx.url("/hook/storm"))).await;
        rx.control("POST", "/_register/storm", secret).await;
        let first_send = fakes::unix_ns();
        let peaks: Vec<_> = ds.iter().map(|d| Peak::rss(d.child.id())).collect();
        let r = spread(&ds, connections, joins(&project_id, "stage", "storm", events)).await;
        println!("{}", r.line(&format!("intake during the storm, {n} daemon(s)")));
        let seen = crate::await_deliveries(&rx, r.ok as u64, Duration::from_secs(300)).await;
        let rss = peaks.into_iter().map(|p| p.finish()).fold(0.0, f64::max);
        let last = seen.last_ns.saturating_sub(first_send) as f64 / 1e9;
        let lost = (r.ok as u64).saturating_sub(seen.distinct);
        let dups = seen.requests - seen.distinct;
        println!(
            "  {n} daemon(s): delivered {} distinct of {} acknowledged ({lost} lost), {dups} duplicates, {} bad \
             signatures; first send to last delivery {last:.2} s ({:.0} deliveries/s); peak RSS {rss:.0} MB",
            seen.distinct,
            r.ok,
            seen.bad_signatures,
            seen.distinct as f64 / last
        );
        let mut sum = Summary::new("pg-storm", args.tuned, "postgres");
        sum.add("daemons", n as f64)
            .add("events", events as f64)
            .add("intake_rate", r.rate())
            .add("last_delivery_s", last)
            .add("lost", lost as f64)
            .add("duplicates", dups as f64)
            .add("bad_signatures", seen.bad_signatures as f64)
            .add("rss_mb", rss);
        out.push(sum);
        drop(ds);
        db.drop_now().await;
    }
    out
}
