//! PostgreSQL scenarios: durable intake and fan-out with one daemon or several on one fresh
//! database (made on the server at `PULSE_BENCH_PG_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`, and dropped afterwards), with bare hyper and the
//! sled daemon measured in the same run.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::daemon::{Daemon, Peak};
use crate::fakes;
use crate::load::{Load, Report, Req, bare_hyper, run};

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

/// `n` daemons on `db`.
fn daemons(db: &BenchDb, n: usize, dirs: &[tempfile::TempDir]) -> Vec<Daemon> {
    (0..n)
        .map(|i| {
            Daemon::start(
                dirs[i].path(),
                "http://127.0.0.1:9",
                &[("PULSE_STORE_BACKEND", "postgres"), ("PULSE_STORE_URL", &db.url), ("PULSE_STORE_POOL_SIZE", "32")],
            )
        })
        .collect()
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
    let mut all =
        Report { ok: 0, failed: 0, statuses: Default::default(), elapsed: started.elapsed(), latencies: Vec::new() };
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

pub async fn intake(events: usize, connections: usize, daemons_n: usize) {
    let bare = bare_hyper().await;
    println!("intake on PostgreSQL: {events} distinct participant_joined webhooks, {connections} connections");
    // The ceiling and the embedded store, in the same run.
    let sled_dir = tempfile::tempdir().unwrap();
    let sled = Daemon::start(sled_dir.path(), "http://127.0.0.1:9", &[]);
    let (project, _, _) = crate::project(&sled, None).await;
    run(&Load { addr: bare, connections }, crate::joins(&project, "warm", events / 4), None).await;
    let base = run(&Load { addr: bare, connections }, crate::joins(&project, "base", events), None).await;
    println!("{}", base.line("bare hyper (baseline)"));
    run(&Load { addr: sled.addr, connections }, crate::joins(&project, "warm", events / 10), None).await;
    let s = run(&Load { addr: sled.addr, connections }, crate::joins(&project, "run", events), None).await;
    println!("{}   ratio {:.3}", s.line("sled, one daemon"), s.rate() / base.rate());
    drop(sled);
    pgbench(connections).await;
    for n in [1, daemons_n].into_iter().collect::<std::collections::BTreeSet<_>>() {
        let db = BenchDb::create().await;
        let dirs: Vec<_> = (0..n).map(|_| tempfile::tempdir().unwrap()).collect();
        let ds = daemons(&db, n, &dirs);
        let (project, _, _) = crate::project(&ds[0], None).await;
        spread(&ds, connections, crate::joins(&project, "warm", events / 10)).await;
        let peaks: Vec<_> = ds.iter().map(|d| Peak::rss(d.child.id())).collect();
        let r = spread(&ds, connections, crate::joins(&project, "run", events)).await;
        let rss: Vec<String> = peaks.into_iter().map(|p| format!("{:.0}", p.finish())).collect();
        println!(
            "{}   ratio {:.3}; peak RSS {} MB",
            r.line(&format!("postgres, {n} daemon{}", if n > 1 { "s" } else { "" })),
            r.rate() / base.rate(),
            rss.join("/")
        );
        drop(ds);
        db.drop_now().await;
    }
}

/// The database's own ceiling in this run: pgbench committing transactions shaped like an
/// intake's (two inserts with a JSON column, synchronous commit) over as many clients as the
/// daemon's pool. Skipped when pgbench is not installed.
async fn pgbench(clients: usize) {
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
        .args(["-n", "-c", &clients.min(32).to_string(), "-j", "2", "-T", "8", "-f"])
        .arg(script.path())
        .arg(&db.url)
        .output();
    match out {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout);
            let tps = text.lines().find(|l| l.starts_with("tps")).unwrap_or("tps = ?");
            println!("{:<34} {tps} (two inserts per durable transaction; the database's ceiling here)", "pgbench");
        }
        Err(e) => println!("pgbench not run ({e})"),
    }
    db.drop_now().await;
}

pub async fn storm(events: usize, connections: usize, daemons_n: usize) {
    println!("storm on PostgreSQL: {events} distinct events to one endpoint over {connections} connections");
    for n in [1, daemons_n].into_iter().collect::<std::collections::BTreeSet<_>>() {
        let db = BenchDb::create().await;
        let (rx, rx_addr) = fakes::Receiver::start().await;
        let dirs: Vec<_> = (0..n).map(|_| tempfile::tempdir().unwrap()).collect();
        let ds = daemons(&db, n, &dirs);
        let (project, _, secret) = crate::project(&ds[0], Some(&format!("http://{rx_addr}/hook"))).await;
        *rx.secret.lock().unwrap() = secret;
        let first_send = Instant::now();
        let r = spread(&ds, connections, crate::joins(&project, "storm", events)).await;
        println!("{}", r.line(&format!("intake during the storm, {n} daemon(s)")));
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            let got = rx.seen.lock().unwrap().distinct.len();
            if got >= r.ok || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let seen = std::mem::take(&mut *rx.seen.lock().unwrap());
        let last = seen.last.map(|l| l.duration_since(first_send).as_secs_f64()).unwrap_or(f64::NAN);
        println!(
            "  {n} daemon(s): delivered {} distinct of {} acknowledged ({} lost), {} duplicates, {} bad signatures; \
             first send to last delivery {last:.2} s ({:.0} deliveries/s)",
            seen.distinct.len(),
            r.ok,
            r.ok.saturating_sub(seen.distinct.len()),
            seen.requests - seen.distinct.len() as u64,
            seen.bad_signatures,
            seen.distinct.len() as f64 / last
        );
        drop(ds);
        db.drop_now().await;
    }
}
