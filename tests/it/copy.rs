//! `pulse store copy`: a populated sled store copied into PostgreSQL, read back through the
//! API of a daemon on the copy.

use std::time::Duration;

use serde_json::{Value, json};

use super::support::pg::TestDb;
use super::support::receiver::now;
use super::support::{ADMIN_TOKEN, TestEnv, eventually, spawn_daemon};

fn get(env: &TestEnv, url: &str, key: &str, path: &str) -> Value {
    env.rt.block_on(async {
        let r = env.http().get(format!("{url}{path}")).header("x-pulse-key", key).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        r.json().await.unwrap()
    })
}

/// A participant (one per event id) joining.
fn livekit(env: &TestEnv, url: &str, project: &str, id: &str) -> u16 {
    let body = json!({"event": "participant_joined", "id": id, "createdAt": now().to_string(),
        "room": {"sid": "RM_c", "name": format!("{project}__stage")},
        "participant": {"sid": format!("PA_{id}"), "identity": "viewer", "joinedAt": now().to_string()}});
    env.livekit_webhook_at(url, &body)
}

fn stop(mut child: std::process::Child) {
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_sled_store_copied_to_postgres_reads_back_the_same_through_the_api() {
    let env = TestEnv::start();
    let rx = env.receiver();
    let common = [
        ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN),
        ("PULSE_WEBHOOKS_ALLOWED_CIDRS", "127.0.0.0/8"),
        ("PULSE_LIVEKIT_RECONCILE_INTERVAL", "1h"),
    ];
    // A sled daemon with a project, its endpoint, events and delivered logs.
    let dir = tempfile::tempdir().unwrap();
    let mut vars = common.to_vec();
    vars.push(("PULSE_STORE_BACKEND", "sled"));
    let (child, url) = spawn_daemon(&env, dir.path(), &vars);
    let run = env.pulse_env(
        &[("PULSE_URL", &url), ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN)],
        &["projects", "create", "moving", "--webhook-url", &rx.url, "--json"],
    );
    run.code(0);
    let created = run.json();
    let project = created["project"]["project_id"].as_str().unwrap().to_string();
    let key = created["api_key"].as_str().unwrap().to_string();
    rx.trust(created["webhook_endpoint"]["secret"].as_str().unwrap());
    for i in 0..3 {
        assert_eq!(livekit(&env, &url, &project, &format!("EV_copy_{i}")), 200);
    }
    rx.wait_for(20, |g| g.len() >= 3);
    // The receiver has the requests before the daemon has stored their answers: the logs are
    // read once all three say so, or the copy (taken after the stop) is newer than them.
    let logs_before = eventually(20, "three deliveries stored as delivered", || {
        let logs = get(&env, &url, &key, "/v1/webhooks/logs?limit=50");
        let rows = logs["data"].as_array()?;
        (rows.len() == 3 && rows.iter().all(|r| r["status"] == "delivered")).then_some(logs)
    });
    let endpoints_before = get(&env, &url, &key, "/v1/webhooks/endpoints");
    stop(child);

    // Copy into an empty database.
    let db = TestDb::create();
    let copy =
        env.pulse_env(&[], &["store", "copy", "--from", dir.path().to_str().unwrap(), "--to", &db.url, "--json"]);
    copy.code(0);
    assert!(copy.json()["records"].as_u64().unwrap() >= 1 + 1 + 3 + 3 + 3, "{}", copy.stdout);
    assert!(!copy.stdout.contains(&db.url) || !db.url.contains('@'), "no credentials in the output");

    // A second copy into the now non-empty target is refused, naming the flag.
    let again = env.pulse_env(&[], &["store", "copy", "--from", dir.path().to_str().unwrap(), "--to", &db.url]);
    assert_ne!(again.code, 0);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);

    // A daemon on the copy: same key, same logs, same endpoints; LiveKit's retry of an event
    // the old store took in is still a duplicate.
    let dir2 = tempfile::tempdir().unwrap();
    let mut vars = common.to_vec();
    // No LiveKit for it: this is about the copy, and the fake's rooms know nothing of these
    // sessions, which its reconciler would otherwise end at start.
    let nowhere = super::support::closed_port_url();
    vars.extend([
        ("PULSE_STORE_BACKEND", "postgres"),
        ("PULSE_STORE_URL", db.url.as_str()),
        ("PULSE_LIVEKIT_URL", nowhere.as_str()),
    ]);
    let (child, url2) = spawn_daemon(&env, dir2.path(), &vars);
    let logs_after = get(&env, &url2, &key, "/v1/webhooks/logs?limit=50");
    assert_eq!(logs_before["data"].as_array().unwrap().len(), 3, "{logs_before}");
    assert_eq!(logs_after["data"], logs_before["data"]);
    assert_eq!(logs_after["pagination"]["total"], 3);
    assert_eq!(endpoints_before["data"].as_array().unwrap().len(), 1, "{endpoints_before}");
    assert_eq!(get(&env, &url2, &key, "/v1/webhooks/endpoints")["data"], endpoints_before["data"]);
    let first = logs_before["data"][0]["id"].as_str().unwrap();
    let detail = get(&env, &url2, &key, &format!("/v1/webhooks/logs/{first}"));
    assert_eq!(detail["attempts"].as_array().unwrap().len(), 1, "{detail}");
    assert!(detail["payload"].is_object() || detail["payload"].is_string(), "{detail}");
    assert_eq!(livekit(&env, &url2, &project, "EV_copy_0"), 200);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get(&env, &url2, &key, "/v1/webhooks/logs?limit=50")["pagination"]["total"], 3);
    stop(child);
}
