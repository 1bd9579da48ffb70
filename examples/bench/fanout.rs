//! The many-endpoint scenario the webhook-delivery projects name as their target and none
//! publishes: events offered at a steady rate (open loop, as LiveKit sends them) to projects
//! with several endpoints each, every endpoint verifying, and the delivery latency (the
//! intake's 200 to the receiver's arrival, both on the wall clock of this one machine) as a
//! histogram and a PNG over time.
//!
//! By default the events are spread one to one: endpoint `e` of each project names room
//! `arena-e` (`rooms`), and event `i` is for project `i % projects`, room
//! `arena-((i / projects) % endpoints)`, so the default 100,000 events at 2,000/s reach 10
//! projects × 10 endpoints, 1,000 each, over 50 s. `--every` sends each event to every
//! endpoint of its project instead (`events × endpoints` deliveries).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use crate::daemon::{Daemon, Peak};
use crate::fakes::{self, Helper};
use crate::load::{Load, run_paced};
use crate::summary::Summary;
use crate::{Args, await_deliveries, call_from, join, livekit, project};

pub async fn run(args: &Args, first: usize) -> Summary {
    let plot = args.text(first + 4, "docs/fanout-latency.png");
    fanout(
        args,
        args.num(first, 100_000),
        args.num(first + 1, 2_000) as f64,
        args.num(first + 2, 10),
        args.num(first + 3, 10),
        Some(&plot),
    )
    .await
}

/// What `ci` runs: 10,000 events at 2,000/s spread over 10 × 10 endpoints (5 s).
pub async fn short(args: &Args) -> Summary {
    fanout(args, 10_000, 2_000.0, 10, 10, None).await
}

async fn fanout(
    args: &Args,
    events: usize,
    rate: f64,
    projects: usize,
    endpoints: usize,
    plot: Option<&str>,
) -> Summary {
    let (_lk, setup) = livekit(args);
    let rx = Helper::spawn("_receiver");
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(&dir.path().join("data"), &setup);
    let every = args.every;
    let mut ids = Vec::new();
    for p in 0..projects {
        let (id, key, _) = project(&d, &format!("tenant-{p}"), None).await;
        // Each tenant's set-up from its own loopback address, as tenants would.
        let from = std::net::IpAddr::from([127, 0, 1, p as u8 + 1]);
        for e in 0..endpoints {
            let name = format!("p{p}e{e}");
            let mut body = json!({"url": rx.url(&format!("/hook/{name}"))});
            if !every {
                body["rooms"] = json!([format!("arena-{e}")]);
            }
            let v = call_from(
                from,
                "POST",
                &format!("{}/v1/webhooks/endpoints", d.url()),
                ("x-pulse-key", key.clone()),
                Some(body),
            )
            .await;
            let secret = v["secret"].as_str().unwrap_or_else(|| panic!("endpoint create answered {v}"));
            rx.control("POST", &format!("/_register/{name}"), Some(secret.into())).await;
        }
        ids.push(id);
    }
    // Deliveries per event.
    let each = if every { endpoints } else { 1 };
    let expected = events * each;
    println!(
        "fanout: {events} events at {rate:.0}/s for {:.0} s to {projects} projects × {endpoints} endpoints ({}) = \
         {expected} deliveries at {:.0}/s",
        events as f64 / rate,
        if every { "each event to every endpoint of its project" } else { "each event to one endpoint, by room" },
        rate * each as f64
    );
    let room = |i: usize| format!("arena-{}", (i / projects) % endpoints);
    let reqs = Arc::new((0..events).map(|i| join(&ids[i % projects], &room(i), "fan", i)).collect::<Vec<_>>());
    let peak = Peak::rss(d.child.id());
    let first_send = fakes::unix_ns();
    let r = run_paced(&Load { addr: d.addr, connections: 64 }, reqs, rate).await;
    println!("{}", r.line("intake at the offered rate"));
    let seen = await_deliveries(&rx, (r.ok * each) as u64, Duration::from_secs(180)).await;
    let rss = peak.finish();
    let acked: HashMap<usize, u64> = r.done.iter().copied().collect();
    let arrivals = rx.control("GET", "/_arrivals", None).await;
    let mut samples = Vec::new();
    let mut lat = Vec::new();
    for line in arrivals.lines() {
        let mut f = line.split(' ');
        let (_, lk, at) = (f.next(), f.next().unwrap_or(""), f.next().and_then(|a| a.parse::<u64>().ok()).unwrap_or(0));
        let Some(i) =
            lk.strip_prefix("EV_").and_then(|r| r.rsplit_once("_fan_")).and_then(|(_, i)| i.parse::<usize>().ok())
        else {
            continue;
        };
        let Some(&ok_at) = acked.get(&i) else { continue };
        // The receiver may see a delivery before the load generator has read the 200 it
        // follows: that is a latency of zero, not a negative one.
        let ms = at.saturating_sub(ok_at) as f64 / 1e6;
        lat.push(ms);
        samples.push(((ok_at.saturating_sub(first_send)) as f64 / 1e9, ms));
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |q: f64| if lat.is_empty() { f64::NAN } else { lat[((lat.len() - 1) as f64 * q).round() as usize] };
    let lost = (r.ok * each) as u64 - seen.distinct.min((r.ok * each) as u64);
    let dups = seen.requests - seen.distinct;
    println!(
        "delivered {} of {} ({lost} lost), {dups} duplicates, {} bad signatures; last delivery {:.2} s after the first send",
        seen.distinct,
        r.ok * each,
        seen.bad_signatures,
        seen.last_ns.saturating_sub(first_send) as f64 / 1e9
    );
    println!("delivery latency, intake 200 to receiver ({} deliveries):", lat.len());
    let bounds = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, f64::INFINITY];
    let mut lo = 0.0;
    for b in bounds {
        let n = lat.iter().filter(|&&l| l > lo && l <= b || (lo == 0.0 && l == 0.0)).count();
        let label = if b.is_infinite() { format!(">{lo:.0} ms") } else { format!("≤{b:.0} ms") };
        println!(
            "  {label:>10} {n:>8} {:>6.2} % {}",
            n as f64 * 100.0 / lat.len().max(1) as f64,
            "#".repeat(n * 60 / lat.len().max(1))
        );
        lo = b;
    }
    println!(
        "  p50 {:.1} ms  p95 {:.1} ms  p99 {:.1} ms  max {:.1} ms; peak RSS {rss:.0} MB",
        pct(0.5),
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
    if let Some(path) = plot {
        match crate::plot::latency_over_time(std::path::Path::new(path), &samples) {
            Ok(()) => println!("plot: {path}"),
            Err(e) => println!("plot not written to {path}: {e}"),
        }
    }
    d.stop();
    let mut s = Summary::new("fanout", args.tuned, "sled");
    s.add("events", events as f64)
        .add("rate", rate)
        .add("endpoints", (projects * endpoints) as f64)
        .add("every", f64::from(u8::from(every)))
        .add("deliveries", seen.distinct as f64)
        .add("lost", lost as f64)
        .add("duplicates", dups as f64)
        .add("bad_signatures", seen.bad_signatures as f64)
        .add("intake_p99_ms", r.pct(0.99).as_secs_f64() * 1e3)
        .add("p50_ms", pct(0.5))
        .add("p95_ms", pct(0.95))
        .add("p99_ms", pct(0.99))
        .add("max_ms", pct(1.0))
        .add("rss_mb", rss);
    s
}
