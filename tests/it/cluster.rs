//! Several daemons on one PostgreSQL database: a storm spread over three with one SIGKILLed
//! mid-way, the database going away mid-storm, one leader at a time, and a live stream on one
//! daemon seeing what another took in.

use std::collections::{HashMap, HashSet};
use std::process::Child;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::support::pg::TestDb;
use super::support::receiver::{Receiver, livekit_token, now};
use super::support::{ADMIN_TOKEN, TestEnv, eventually, spawn_daemon};

fn daemon_env(db: &TestDb) -> Vec<(&'static str, String)> {
    vec![
        ("PULSE_STORE_BACKEND", "postgres".into()),
        ("PULSE_STORE_URL", db.url.clone()),
        ("PULSE_STORE_POOL_SIZE", "8".into()),
        ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN.into()),
        ("PULSE_WEBHOOKS_ALLOWED_CIDRS", "127.0.0.0/8".into()),
        ("PULSE_WEBHOOKS_RETRY_SCHEDULE", "100ms,200ms,500ms,1s,1s,1s,1s,1s".into()),
        ("PULSE_RATE_LIMIT_PER_IP_PER_MINUTE", "1000000".into()),
        ("PULSE_RATE_LIMIT_PER_PROJECT_PER_MINUTE", "1000000".into()),
        ("PULSE_LIVEKIT_RECONCILE_INTERVAL", "1h".into()),
        // A short timeout keeps the leases of attempts cut off by a kill short.
        ("PULSE_WEBHOOKS_TIMEOUT", "2s".into()),
        ("PULSE_LOG", "warn,pulse=info".into()),
    ]
}

/// `n` daemons on `db`, each with a data dir of its own.
fn daemons(env: &TestEnv, db: &TestDb, n: usize) -> Vec<(Child, String, tempfile::TempDir)> {
    let vars = daemon_env(db);
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    (0..n)
        .map(|_| {
            let dir = tempfile::tempdir().unwrap();
            let (child, url) = spawn_daemon(env, dir.path(), &vars);
            (child, url, dir)
        })
        .collect()
}

/// A project made through `url`, its endpoint pointing at `rx`; returns its id and API key.
fn project(env: &TestEnv, url: &str, rx: &Receiver) -> (String, String) {
    let client = pulse::http_client(Duration::from_secs(30));
    let v: Value = env.rt.block_on(async {
        let r = client
            .post(format!("{url}/v1/projects"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"name": "cluster", "webhook_url": rx.url}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        r.json().await.unwrap()
    });
    rx.trust(v["webhook_endpoint"]["secret"].as_str().unwrap());
    (v["project"]["project_id"].as_str().unwrap().to_string(), v["api_key"].as_str().unwrap().to_string())
}

/// Sends a signed `participant_joined` with LiveKit id `id` to `url`; the status, or `None`
/// when the daemon could not be reached.
async fn send(client: &reqwest::Client, url: &str, project: &str, id: &str) -> Option<u16> {
    let body = json!({"event": "participant_joined", "id": id, "createdAt": now().to_string(),
        "room": {"sid": "RM_c", "name": format!("{project}__stage")},
        "participant": {"sid": format!("PA_{id}"), "identity": format!("viewer-{id}"), "joinedAt": now().to_string()}})
    .to_string();
    let n = now();
    let token = livekit_token("devkey", "secret", body.as_bytes(), n, n + 300);
    let r = client
        .post(format!("{url}/v1/webhooks/livekit"))
        .header("authorization", token)
        .header("content-type", "application/webhook+json")
        .body(body)
        .send()
        .await
        .ok()?;
    Some(r.status().as_u16())
}

/// Per LiveKit event id, the distinct pulse event ids that arrived, and how many requests
/// arrived more than once (same event to the same endpoint).
fn tally(rx: &Receiver) -> (HashMap<String, HashSet<String>>, usize) {
    let got = rx.got();
    let mut by_livekit: HashMap<String, HashSet<String>> = HashMap::new();
    let mut seen = HashSet::new();
    let mut repeats = 0;
    for r in &got {
        let (Some(lk), Some(evt)) = (r.json["livekit_event_id"].as_str(), r.json["id"].as_str()) else { continue };
        by_livekit.entry(lk.to_string()).or_default().insert(evt.to_string());
        if !seen.insert(evt.to_string()) {
            repeats += 1;
        }
    }
    (by_livekit, repeats)
}

#[test]
fn three_daemons_share_a_storm_and_one_sigkill_loses_nothing() {
    const EVENTS: usize = 3000;
    const KILL_AFTER: usize = 1000;
    let env = TestEnv::start_alone();
    let db = TestDb::create();
    let rx = env.receiver();
    let mut ds = daemons(&env, &db, 3);
    let urls: Vec<String> = ds.iter().map(|d| d.1.clone()).collect();
    let (project_id, _) = project(&env, &urls[0], &rx);

    let client = pulse::http_client(Duration::from_secs(30));
    let acked = Arc::new(Mutex::new(HashSet::<String>::new()));
    let next = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let tasks: Vec<_> = (0..24)
        .map(|t| {
            let (client, urls, pid) = (client.clone(), urls.clone(), project_id.clone());
            let (acked, next, killed) = (acked.clone(), next.clone(), killed.clone());
            env.rt.spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= EVENTS {
                        break;
                    }
                    let id = format!("EV_cluster_{i:05}");
                    // Every tenth event goes to two daemons at once, as a retrying LiveKit
                    // might: still one event.
                    let first = &urls[(i + t) % 3];
                    let second = &urls[(i + t + 1) % 3];
                    let (a, b) = if i % 10 == 0 {
                        tokio::join!(send(&client, first, &pid, &id), send(&client, second, &pid, &id))
                    } else {
                        (send(&client, first, &pid, &id).await, None)
                    };
                    for s in [a, b].into_iter().flatten() {
                        match s {
                            200 => drop(acked.lock().unwrap().insert(id.clone())),
                            // Only the killed daemon may fail, and only by going away.
                            s => assert!(killed.load(Ordering::Relaxed), "unexpected {s}"),
                        }
                    }
                }
            })
        })
        .collect();
    while acked.lock().unwrap().len() < KILL_AFTER {
        assert!(started.elapsed() < Duration::from_secs(120), "intake too slow");
        std::thread::sleep(Duration::from_millis(5));
    }
    killed.store(true, Ordering::Relaxed);
    ds[1].0.kill().unwrap(); // SIGKILL
    ds[1].0.wait().unwrap();
    for t in tasks {
        env.rt.block_on(t).unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (by_livekit, _) = tally(&rx);
        if acked.iter().all(|id| by_livekit.contains_key(id)) || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let (by_livekit, repeats) = tally(&rx);
    let missing: Vec<_> = acked.iter().filter(|id| !by_livekit.contains_key(*id)).take(5).collect();
    let split: Vec<_> = by_livekit.iter().filter(|(_, evts)| evts.len() > 1).take(5).collect();
    println!(
        "cluster drill: {} acked over 3 daemons (one SIGKILLed), {} distinct arrived, {} repeated deliveries",
        acked.len(),
        by_livekit.len(),
        repeats
    );
    assert!(missing.is_empty(), "acknowledged but never delivered: {missing:?}");
    assert!(split.is_empty(), "one LiveKit event became several pulse events: {split:?}");
    // Attempts whose lease the kill cut repeat: at most one endpoint's worth of attempts in
    // flight on the killed daemon (16). On a starved machine a live daemon's attempt can also
    // outlive its lease and be sent again by another (at least once allows it): seen 17, 23
    // and 25 of 3,000 on this 2-core VM, the last two with the drill running alone. One per
    // hundred on top; a systematic second delivery would be hundreds.
    let bound = 16 + acked.len() / 100;
    assert!(repeats <= bound, "{repeats} deliveries repeated (bound {bound})");
    assert!(rx.got().iter().all(|r| r.standard_ok && r.pulse_ok));
    for (mut c, _, _) in ds {
        let _ = c.kill();
        let _ = c.wait();
    }
}

fn status(env: &TestEnv, url: &str) -> Option<Value> {
    let client = pulse::http_client(Duration::from_secs(5));
    env.rt.block_on(async {
        let r = client.get(format!("{url}/v1/status")).bearer_auth(ADMIN_TOKEN).send().await.ok()?;
        r.json().await.ok()
    })
}

#[test]
fn one_daemon_leads_and_another_takes_over_when_it_dies() {
    let env = TestEnv::start();
    let db = TestDb::create();
    let mut ds = daemons(&env, &db, 3);
    let leaders = |ds: &[(Child, String, tempfile::TempDir)]| -> Vec<usize> {
        (0..ds.len()).filter(|&i| status(&env, &ds[i].1).is_some_and(|s| s["store"]["leader"] == true)).collect()
    };
    let first = eventually(10, "a leader", || match leaders(&ds).as_slice() {
        [one] => Some(*one),
        _ => None,
    });
    assert_eq!(status(&env, &ds[first].1).unwrap()["store"]["backend"], "postgres");
    ds[first].0.kill().unwrap();
    ds[first].0.wait().unwrap();
    let rest: Vec<_> = ds.drain(..).enumerate().filter(|(i, _)| *i != first).map(|(_, d)| d).collect();
    eventually(15, "another leader", || (leaders(&rest).len() == 1).then_some(()));
    for (mut c, _, _) in rest {
        let _ = c.kill();
        let _ = c.wait();
    }
}

#[test]
fn a_stream_on_one_daemon_sees_events_taken_in_by_another() {
    let env = TestEnv::start();
    let db = TestDb::create();
    let rx = env.receiver();
    let forwarded = env.receiver();
    let mut ds = daemons(&env, &db, 2);
    let key = project(&env, &ds[0].1, &rx);
    // `webhooks listen` on daemon B forwards what B's event stream shows.
    let mut listen = env.listen(&ds[1].1, &key.1, &forwarded.url);
    // The event is taken in by daemon A.
    let client = pulse::http_client(Duration::from_secs(5));
    let status = env.rt.block_on(send(&client, &ds[0].1, &key.0, "EV_streamed_1"));
    assert_eq!(status, Some(200));
    let got = forwarded.wait_for(10, |g| g.iter().any(|r| r.json["livekit_event_id"] == "EV_streamed_1"));
    assert!(got.iter().any(|r| r.json["project_id"] == key.0.as_str()));
    let _ = listen.kill();
    let _ = listen.wait();
    for (c, _, _) in ds.iter_mut() {
        let _ = c.kill();
        let _ = c.wait();
    }
}

/// Takes `db` away from every client (its sessions ended, new ones refused) for `secs`. With
/// `PULSE_TEST_PG_RESTART` set to a command (e.g. `pg_ctlcluster 15 main restart`), runs that
/// instead: a real server restart, for a machine where no other test uses the server.
fn outage(db_name: &str, secs: u64) {
    if let Ok(cmd) = std::env::var("PULSE_TEST_PG_RESTART") {
        std::thread::sleep(Duration::from_secs(secs) / 2);
        assert!(std::process::Command::new("sh").args(["-c", &cmd]).status().unwrap().success(), "{cmd}");
        return;
    }
    let run = |sql: String| {
        std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async move {
                let (c, conn) =
                    tokio_postgres::connect(&super::support::pg::server_url(), tokio_postgres::NoTls).await.unwrap();
                tokio::spawn(conn);
                c.batch_execute(&sql).await.unwrap();
            })
        })
        .join()
        .unwrap()
    };
    run(format!(
        "ALTER DATABASE {db_name} ALLOW_CONNECTIONS false; \
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db_name}'"
    ));
    std::thread::sleep(Duration::from_secs(secs));
    run(format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS true"));
}

#[test]
fn the_database_going_away_mid_storm_is_503s_then_nothing_lost() {
    let env = TestEnv::start();
    let db = TestDb::create();
    let rx = env.receiver();
    let mut ds = daemons(&env, &db, 1);
    let url = ds[0].1.clone();
    let (project_id, _) = project(&env, &url, &rx);
    let client = pulse::http_client(Duration::from_secs(30));
    let acked = Arc::new(Mutex::new(HashSet::<String>::new()));
    let unavailable = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..8)
        .map(|t| {
            let (client, url, pid) = (client.clone(), url.clone(), project_id.clone());
            let (acked, unavailable, stop) = (acked.clone(), unavailable.clone(), stop.clone());
            env.rt.spawn(async move {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let id = format!("EV_outage_{t}_{i:05}");
                    i += 1;
                    match send(&client, &url, &pid, &id).await {
                        Some(200) => drop(acked.lock().unwrap().insert(id)),
                        Some(503) => {
                            unavailable.fetch_add(1, Ordering::Relaxed);
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                        other => panic!("the intake answered {other:?}"),
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(700));
    let before = acked.lock().unwrap().len();
    outage(db.name(), 3);
    // The intake recovers by itself.
    let after_outage = acked.lock().unwrap().len();
    eventually(20, "the intake taking events again", || {
        (acked.lock().unwrap().len() > after_outage + 50).then_some(())
    });
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        env.rt.block_on(t).unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(before > 0, "events were taken in before the outage");
    assert!(unavailable.load(Ordering::Relaxed) > 0, "the outage answered 503s");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !acked.iter().all(|id| tally(&rx).0.contains_key(id)) {
        assert!(Instant::now() < deadline, "acknowledged events were not all delivered");
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "outage drill: {} acked, {} answered 503 during the outage, all delivered",
        acked.len(),
        unavailable.load(Ordering::Relaxed)
    );
    let _ = ds[0].0.kill();
    let _ = ds[0].0.wait();
}

#[test]
fn an_idempotency_key_holds_across_daemons() {
    let env = TestEnv::start();
    let db = TestDb::create();
    let rx = env.receiver();
    let mut ds = daemons(&env, &db, 2);
    let (_, key) = project(&env, &ds[0].1, &rx);
    let client = pulse::http_client(Duration::from_secs(30));
    let start = |url: String, k: &'static str| {
        let (client, key) = (client.clone(), key.clone());
        async move {
            let r = client
                .post(format!("{url}/v1/media/egress/start"))
                .header("x-pulse-key", key)
                .header("idempotency-key", k)
                .json(&json!({"room_name": "stage", "output_type": "hls"}))
                .send()
                .await
                .unwrap();
            let replayed = r.headers().contains_key("idempotent-replayed");
            (r.status().as_u16(), replayed, r.bytes().await.unwrap())
        }
    };
    // Answered by one daemon, sent again to the other: the same answer, one start.
    let first = env.rt.block_on(start(ds[0].1.clone(), "across-1"));
    let again = env.rt.block_on(start(ds[1].1.clone(), "across-1"));
    assert_eq!((first.0, first.1, again.0, again.1), (201, false, 201, true));
    assert_eq!(first.2, again.2);
    // The same key to both at once: one of them starts; the other answers it again or says
    // it is still being answered. LiveKit is asked once.
    let (a, b) =
        env.rt.block_on(async { tokio::join!(start(ds[0].1.clone(), "across-2"), start(ds[1].1.clone(), "across-2")) });
    let fresh = [&a, &b].iter().filter(|r| r.0 == 201 && !r.1).count();
    assert_eq!(fresh, 1, "{a:?} {b:?}");
    assert!([&a, &b].iter().all(|r| r.0 == 201 || r.0 == 409), "{a:?} {b:?}");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 2);
    for (c, _, _) in ds.iter_mut() {
        let _ = c.kill();
        let _ = c.wait();
    }
}

#[test]
fn an_endpoints_rate_limit_holds_across_three_daemons() {
    const EVENTS: usize = 30;
    const PER_SECOND: usize = 5;
    let env = TestEnv::start_alone();
    let db = TestDb::create();
    let (free, paced) = (env.receiver(), env.receiver());
    let mut ds = daemons(&env, &db, 3);
    let urls: Vec<String> = ds.iter().map(|d| d.1.clone()).collect();
    let (project, key) = project(&env, &urls[0], &free);
    let client = pulse::http_client(Duration::from_secs(30));
    let ep: Value = env.rt.block_on(async {
        let r = client
            .post(format!("{}/v1/webhooks/endpoints", urls[1]))
            .header("x-pulse-key", &key)
            .json(&json!({"url": paced.url, "rate_limit": PER_SECOND}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        r.json().await.unwrap()
    });
    paced.trust(ep["secret"].as_str().unwrap());
    // Events taken in by all three daemons, each of whose workers sends to the paced endpoint.
    env.rt.block_on(async {
        for i in 0..EVENTS {
            assert_eq!(send(&client, &urls[i % 3], &project, &format!("EV_rate_{i}")).await, Some(200));
        }
    });
    let fast = free.wait_for(20, |g| g.len() >= EVENTS);
    let slow = paced.wait_for(40, |g| g.len() >= EVENTS);
    let (by_livekit, repeats) = tally(&paced);
    assert_eq!((by_livekit.len(), repeats, slow.len()), (EVENTS, 0, EVENTS), "each once");
    let t0 = slow[0].at;
    let at: Vec<f64> = slow.iter().map(|r| r.at.duration_since(t0).as_secs_f64()).collect();
    // Five a second in all, not five per daemon: 30 take at least 5.8 s.
    assert!(
        at[EVENTS - 1] >= 5.3,
        "{EVENTS} at {PER_SECOND}/s across three daemons took {:.2} s: {at:?}",
        at[EVENTS - 1]
    );
    // No burst: six arrivals within 0.8 s would be slots closer than the limit allows. (The
    // slots are exact; arrivals carry each attempt's own delay, so one sent late and the next
    // on time can land 130 ms apart on a loaded machine.)
    for (i, t) in at.iter().enumerate() {
        let within = at[i..].iter().take_while(|u| **u < t + 0.8).count();
        assert!(within <= PER_SECOND, "{within} within 0.8 s from {t:.3}: {at:?}");
    }
    assert!(fast[EVENTS - 1].at < slow[EVENTS - 1].at - Duration::from_secs(2), "the unlimited endpoint waited");
    for (c, _, _) in ds.iter_mut() {
        let _ = c.kill();
        let _ = c.wait();
    }
}
