//! Nothing accepted is ever lost: the daemon is SIGKILLed in the middle of a burst of LiveKit
//! events; after a restart every event it answered 200 reaches the customer at least once.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use super::support::receiver::{livekit_token, now};
use super::support::{ADMIN_TOKEN, TestEnv, spawn_daemon};

const EVENTS: usize = 6000;
const SENDERS: usize = 32;
const KILL_AFTER_ACKS: usize = 2500;

fn daemon_env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN),
        ("PULSE_WEBHOOKS_ALLOWED_CIDRS", "127.0.0.0/8"),
        ("PULSE_WEBHOOKS_RETRY_SCHEDULE", "100ms,200ms,500ms,1s,1s,1s,1s,1s"),
        ("PULSE_RATE_LIMIT_PER_IP_PER_MINUTE", "1000000"),
        ("PULSE_RATE_LIMIT_PER_PROJECT_PER_MINUTE", "1000000"),
        ("PULSE_LIVEKIT_RECONCILE_INTERVAL", "1h"),
        // A short timeout keeps the lease on attempts cut off by the kill short.
        ("PULSE_WEBHOOKS_TIMEOUT", "2s"),
        ("PULSE_LOG", "warn,pulse=info"),
    ]
}

#[test]
fn sigkill_mid_burst_loses_no_acknowledged_event() {
    let env = TestEnv::start();
    let rx = env.receiver();
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());

    let client = pulse::http_client(Duration::from_secs(30));
    let project: serde_json::Value = env.rt.block_on(async {
        client
            .post(format!("{url}/v1/projects"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"name": "crash", "webhook_url": rx.url}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    let project_id = project["project"]["project_id"].as_str().unwrap().to_string();
    rx.trust(project["webhook_endpoint"]["secret"].as_str().unwrap());

    // The burst: SENDERS tasks share EVENTS events; the acked ids are recorded.
    let acked = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let ack_count = Arc::new(AtomicUsize::new(0));
    let next = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let tasks: Vec<_> = (0..SENDERS)
        .map(|_| {
            let (client, url, pid) = (client.clone(), url.clone(), project_id.clone());
            let (acked, ack_count, next, killed) = (acked.clone(), ack_count.clone(), next.clone(), killed.clone());
            env.rt.spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= EVENTS || killed.load(Ordering::Relaxed) {
                        break;
                    }
                    let id = format!("EV_crash_{i:05}");
                    let body = json!({"event": "participant_joined", "id": id, "createdAt": now().to_string(),
                        "room": {"sid": "RM_c", "name": format!("{pid}__stage")},
                        "participant": {"sid": format!("PA_{i}"), "identity": format!("viewer-{i}"), "joinedAt": now().to_string()}})
                    .to_string();
                    let n = now();
                    let token = livekit_token("devkey", "secret", body.as_bytes(), n, n + 300);
                    let resp = client
                        .post(format!("{url}/v1/webhooks/livekit"))
                        .header("authorization", token)
                        .header("content-type", "application/webhook+json")
                        .body(body)
                        .send()
                        .await;
                    match resp {
                        Ok(r) if r.status() == 200 => {
                            acked.lock().unwrap().push(id);
                            ack_count.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(r) => panic!("unexpected {}", r.status()),
                        Err(_) => {} // the daemon is gone: not acknowledged, so not promised
                    }
                }
            })
        })
        .collect();
    while ack_count.load(Ordering::Relaxed) < KILL_AFTER_ACKS {
        assert!(started.elapsed() < Duration::from_secs(120), "intake too slow");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    killed.store(true, Ordering::Relaxed);
    child.wait().unwrap();
    for t in tasks {
        env.rt.block_on(t).unwrap();
    }
    let acked: HashSet<String> = acked.lock().unwrap().iter().cloned().collect();
    let burst = started.elapsed();

    // Restart on the same data dir: every acked event must arrive.
    let (mut child, _) = spawn_daemon(&env, dir.path(), &daemon_env());
    let deadline = Instant::now() + Duration::from_secs(120);
    let arrived = loop {
        let got: HashSet<String> =
            rx.got().iter().filter_map(|r| r.json["livekit_event_id"].as_str().map(String::from)).collect();
        if acked.is_subset(&got) || Instant::now() > deadline {
            break got;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let missing: Vec<_> = acked.difference(&arrived).take(5).collect();
    let bad_sigs = rx.got().iter().filter(|r| !(r.standard_ok && r.pulse_ok)).count();
    println!(
        "crash test: sent until SIGKILL for {:.2} s; acked {} events, {} distinct arrived ({} requests in all, {} duplicates allowed by at-least-once)",
        burst.as_secs_f64(),
        acked.len(),
        arrived.len(),
        rx.got().len(),
        rx.got().len() - arrived.len(),
    );
    assert!(missing.is_empty(), "acknowledged but never delivered: {missing:?}");
    assert_eq!(bad_sigs, 0);
    assert!(acked.len() >= KILL_AFTER_ACKS);
}

/// The daemon is SIGKILLed after writing a pending egress and while LiveKit is still answering
/// the start: the next daemon finds the egress LiveKit started (by its output key) and adopts
/// it; one whose start never reached LiveKit fails with `egress_failed` instead of staying
/// `pending` for ever. (On PostgreSQL, where another daemon may still be mid-start, this waits
/// `ORPHAN_AFTER_MS`, 90 s, so it runs on the embedded store only.)
#[test]
fn a_start_cut_off_by_a_crash_is_adopted_or_sent_again_after_restart() {
    if super::BACKEND != "sled" {
        return;
    }
    let env = TestEnv::start();
    let rx = env.receiver();
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let created = env.project_at(&url, &json!({"name": "cut", "webhook_url": rx.url}));
    rx.trust(created["webhook_endpoint"]["secret"].as_str().unwrap());
    let key = created["api_key"].as_str().unwrap().to_string();
    let cli = |url: &str, args: &[&str]| env.pulse_env(&[("PULSE_URL", url), ("PULSE_API_KEY", &key)], args);

    env.fake.set_start_delay(Duration::from_secs(60));
    let mut starts = Vec::new();
    for name in ["kept", "lost"] {
        let mut c = env.cmd(&["egress", "start", "--room", name, "--output", "hls", "--filename", name]);
        c.env("PULSE_URL", &url).env("PULSE_API_KEY", &key).stdout(std::process::Stdio::null());
        starts.push(c.stderr(std::process::Stdio::null()).spawn().unwrap());
    }
    super::support::eventually(10, "both starts reaching LiveKit", || {
        (env.fake.requests_to("StartRoomCompositeEgress").len() == 2).then_some(())
    });
    child.kill().unwrap();
    child.wait().unwrap();
    for mut s in starts {
        let _ = s.kill();
        let _ = s.wait();
    }
    env.fake.set_start_delay(Duration::ZERO);
    let lost_at = env
        .fake
        .requests_to("StartRoomCompositeEgress")
        .iter()
        .position(|r| r.body["segmentOutputs"][0]["playlistName"].as_str().unwrap().contains("/lost/"))
        .unwrap();
    let lost_lk = format!("EG_fake{:04}", lost_at + 1);
    env.fake.forget_egress(&lost_lk);

    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let list = super::support::eventually(15, "both starts settled", || {
        let l = cli(&url, &["egress", "list", "--json"]).json();
        l.as_array().unwrap().iter().all(|e| e["status"] != "pending").then_some(l)
    });
    let by_name = |n: &str| list.as_array().unwrap().iter().find(|e| e["filename"] == n).unwrap().clone();
    let kept = by_name("kept");
    assert_eq!(kept["status"], "active", "{kept}");
    assert!(kept["livekit_egress_id"].as_str().unwrap().starts_with("EG_fake"), "{kept}");
    assert_ne!(kept["livekit_egress_id"], lost_lk.as_str());
    // LiveKit never had the other one: it is sent again, once, to the same keys.
    let lost = by_name("lost");
    assert_eq!(lost["status"], "active", "{lost}");
    assert_ne!(lost["livekit_egress_id"], lost_lk.as_str());
    assert_eq!(lost["start_retry"]["attempts"], 2, "{lost}");
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts.len(), 3, "the adopted one is not started again");
    assert_eq!(starts[2].body, starts[lost_at].body, "the same request, to the same keys");
    let got = rx.wait_for(10, |g| g.iter().filter(|r| r.json["event"] == "egress_started").count() >= 2);
    assert!(got.iter().all(|r| r.json["event"] != "egress_failed"), "nothing failed");
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn a_start_waiting_for_its_retry_at_a_sigkill_starts_once_after_restart() {
    let env = TestEnv::start();
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let created = env.project_at(&url, &json!({"name": "retry"}));
    let key = created["api_key"].as_str().unwrap().to_string();
    let cli = |url: &str, args: &[&str]| env.pulse_env(&[("PULSE_URL", url), ("PULSE_API_KEY", &key)], args);

    // LiveKit out of egress workers: the start waits for its next attempt.
    env.fake.fail_times(1000, 503, "unavailable", "no egress workers available");
    let e =
        cli(&url, &["egress", "start", "--room", "r", "--output", "hls", "--start-attempts", "20", "--json"]).json();
    let id = e["egress_id"].as_str().unwrap().to_string();
    assert_eq!(e["status"], "pending", "{e}");
    // Killed between attempts: the second failed, the third due in its 2 s backoff. (While an
    // attempt is being made, the next one is due only when its 90 s lease runs out, which a
    // shared store's next leader would wait for.)
    super::support::eventually(15, "a second attempt, failed", || {
        let e = cli(&url, &["egress", "get", &id, "--json"]).json();
        let next = humantime::parse_rfc3339(e["start_retry"]["next_attempt_at"].as_str()?).ok()?;
        let wait = next.duration_since(std::time::SystemTime::now()).ok()?;
        (e["start_retry"]["attempts"].as_u64() == Some(2)
            && wait > Duration::from_millis(500)
            && wait < Duration::from_secs(10))
        .then_some(())
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let tried = env.fake.requests_to("StartRoomCompositeEgress").len();
    assert!(tried >= 2, "{tried}");

    // LiveKit has workers again; the restarted daemon makes the start, once.
    env.fake.fail_times(0, 503, "unavailable", "");
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let e = super::support::eventually(30, "the start made after the restart", || {
        let e = cli(&url, &["egress", "get", &id, "--json"]).json();
        e["livekit_egress_id"].is_string().then_some(e)
    });
    assert_eq!(e["status"], "active", "{e}");
    assert!(e["start_retry"]["attempts"].as_u64().unwrap() >= 3, "{e}");
    std::thread::sleep(Duration::from_secs(2));
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    let accepted: HashSet<&str> = starts.iter().skip(tried).map(|r| r.method.as_str()).collect();
    assert_eq!(starts.len(), tried + 1, "one start after the restart, and no more: {accepted:?}");
    assert_eq!(cli(&url, &["egress", "list", "--json"]).json().as_array().unwrap().len(), 1);
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn a_rule_restart_pending_at_a_sigkill_starts_its_part_once_after_restart() {
    let env = TestEnv::start();
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let created = env.project_at(&url, &json!({"name": "parts"}));
    let (project, key) = (
        created["project"]["project_id"].as_str().unwrap().to_string(),
        created["api_key"].as_str().unwrap().to_string(),
    );
    let cli = |url: &str, args: &[&str]| env.pulse_env(&[("PULSE_URL", url), ("PULSE_API_KEY", &key)], args);
    cli(
        &url,
        &["rules", "add", "--rooms", "live-*", "--output", "hls", "--filename", "show", "--start-attempts", "20"],
    )
    .code(0);
    let room = format!("{project}__live-1");
    let hook = json!({"event": "room_started", "id": "EV_rs", "room": {"sid": "RM_1", "name": room}});
    assert_eq!(env.livekit_webhook_at(&url, &hook), 200);
    let first = cli(&url, &["egress", "list", "--json"]).json()[0].clone();
    let lk = first["livekit_egress_id"].as_str().unwrap().to_string();

    // LiveKit aborts the recording and then has no egress workers: part 2 is planned in the
    // commit of the failure and waits for its next attempt when the daemon is killed.
    env.fake.fail_times(1000, 503, "unavailable", "no egress workers available");
    let n = now() * 1_000_000_000;
    let ended = json!({"event": "egress_ended", "id": "EV_ab", "room": {"sid": "RM_1", "name": room},
        "egressInfo": {"egressId": lk, "roomId": "RM_1", "roomName": room, "status": "EGRESS_ABORTED",
            "startedAt": (n - 60_000_000_000i64).to_string(), "endedAt": n.to_string(), "error": "pipeline aborted"}});
    assert_eq!(env.livekit_webhook_at(&url, &ended), 200);
    let part = super::support::eventually(15, "part 2 waiting for its retry", || {
        let list = cli(&url, &["egress", "list", "--json"]).json();
        let p = list.as_array()?.iter().find(|e| e["part"] == 2)?.clone();
        (p["start_retry"]["last_error"].is_string()).then_some(p)
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let tried = env.fake.requests_to("StartRoomCompositeEgress").len();

    env.fake.fail_times(0, 503, "unavailable", "");
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let id = part["egress_id"].as_str().unwrap();
    let e = super::support::eventually(30, "part 2 started after the restart", || {
        let e = cli(&url, &["egress", "get", id, "--json"]).json();
        e["livekit_egress_id"].is_string().then_some(e)
    });
    assert_eq!(e["filename"], "show/part-2", "{e}");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), tried + 1, "one start after the restart");
    let list = cli(&url, &["egress", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 2, "the failed part and its restart, no more: {list}");
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn usage_is_the_same_after_a_sigkill() {
    let env = TestEnv::start();
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let created = env.project_at(&url, &json!({"name": "meters"}));
    let (project, key) = (
        created["project"]["project_id"].as_str().unwrap().to_string(),
        created["api_key"].as_str().unwrap().to_string(),
    );
    let cli =
        |url: &str| env.pulse_env(&[("PULSE_URL", url), ("PULSE_API_KEY", &key)], &["usage", "--by", "room", "--json"]);
    let t0 = now();
    for i in 0..20i64 {
        for (event, at) in [("participant_joined", t0 - 900 + i), ("participant_left", t0 - 300 + i * 7)] {
            let body = json!({"event": event, "id": format!("EV_{event}_{i}"), "createdAt": at.to_string(),
                "room": {"sid": format!("RM_{}", i % 3), "name": format!("{project}__room-{}", i % 3)},
                "participant": {"sid": format!("PA_{i}"), "identity": format!("p{i}"), "joinedAt": (t0 - 900 + i).to_string()}});
            assert_eq!(env.livekit_webhook_at(&url, &body), 200);
        }
    }
    let before = cli(&url).code(0).json();
    assert!(before["totals"]["participant_minutes"].as_u64().unwrap() > 0, "{before}");
    child.kill().unwrap();
    child.wait().unwrap();
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env());
    let after = cli(&url).code(0).json();
    assert_eq!(after["rows"], before["rows"], "every acknowledged join and leave counted, once");
    assert_eq!(after["totals"]["participant_minutes"], before["totals"]["participant_minutes"]);
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn usage_buckets_are_exact_after_sigkills_in_the_middle_of_aggregation() {
    // A pass every 20 ms, so that each kill lands in one (or between two: either must do).
    let mut extra = daemon_env();
    extra.push(("PULSE_USAGE_AGGREGATE_INTERVAL", "20ms"));
    let env = TestEnv::start();
    let dir = tempfile::tempdir().unwrap();
    let (mut child, mut url) = spawn_daemon(&env, dir.path(), &extra);
    let created = env.project_at(&url, &json!({"name": "meters"}));
    let (project, key) = (
        created["project"]["project_id"].as_str().unwrap().to_string(),
        created["api_key"].as_str().unwrap().to_string(),
    );
    // 160 sessions over the last ten days, one every 90 minutes, 1 to 40 minutes long; sent
    // in four bursts, with a SIGKILL at a different moment after each.
    let t0 = now();
    let mut want = 0u64;
    let mut rng = 11u64;
    for burst in 0..4i64 {
        for i in burst * 40..(burst + 1) * 40 {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let joined = t0 - 240 * 3600 + i * 5400 + (rng >> 40) as i64 % 1800;
            let secs = 1 + (rng >> 20) as i64 % 2400;
            want += (secs as u64).div_ceil(60);
            for (event, at) in [("participant_joined", joined), ("participant_left", joined + secs)] {
                let body = json!({"event": event, "id": format!("EV_{event}_{i}"), "createdAt": at.to_string(),
                    "room": {"sid": format!("RM_{}", i % 5), "name": format!("{project}__room-{}", i % 5)},
                    "participant": {"sid": format!("PA_{i}"), "identity": format!("p{i}"), "joinedAt": joined.to_string()}});
                assert_eq!(env.livekit_webhook_at(&url, &body), 200);
            }
        }
        std::thread::sleep(Duration::from_millis(5 + 19 * burst as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        (child, url) = spawn_daemon(&env, dir.path(), &extra);
    }
    let metrics = |url: &str| {
        let text =
            env.rt.block_on(async { reqwest::get(format!("{url}/metrics")).await.unwrap().text().await.unwrap() });
        text.lines()
            .find_map(|l| l.strip_prefix("pulse_usage_answers_total{source=\"buckets\"} "))
            .map_or(0, |n| n.parse::<u64>().unwrap())
    };
    // Once the last pass has caught up, the answer comes from the buckets and is exact.
    let usage = super::support::eventually(30, "an answer from the buckets", || {
        let before = metrics(&url);
        let u = env
            .pulse_env(&[("PULSE_URL", &url), ("PULSE_API_KEY", &key)], &["usage", "--since", "11d", "--json"])
            .code(0)
            .json();
        (metrics(&url) > before).then_some(u)
    });
    assert_eq!(usage["totals"]["participant_minutes"].as_u64(), Some(want), "{usage}");
    let uses: u64 = usage["rows"].as_array().unwrap().iter().map(|r| r["uses"].as_u64().unwrap()).sum();
    assert_eq!(uses, 160, "each session once: {usage}");
    child.kill().unwrap();
    let _ = child.wait();
}
