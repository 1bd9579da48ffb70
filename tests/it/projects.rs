//! Projects, keys and isolation between tenants.

use super::support::{ADMIN_TOKEN, TestEnv};

#[test]
fn projects_are_isolated() {
    let env = TestEnv::start();
    let (_, key_a) = env.project("a");
    let (_, key_b) = env.project("b");
    let e = env.pulse(&key_a, &["egress", "start", "--room", "shared-name", "--output", "hls", "--json"]).json();
    let i = env
        .pulse(&key_a, &["ingress", "create", "--room", "r", "--type", "rtmp", "--participant", "p", "--json"])
        .json();
    for id in [&e["egress_id"], &e["livekit_egress_id"]] {
        let run = env.pulse(&key_b, &["egress", "get", id.as_str().unwrap()]);
        run.code(5);
        assert!(run.stderr.contains("not found"), "{}", run.stderr);
        env.pulse(&key_b, &["egress", "stop", id.as_str().unwrap()]).code(5);
    }
    env.pulse(&key_b, &["ingress", "get", i["ingress_id"].as_str().unwrap()]).code(5);
    env.pulse(&key_b, &["ingress", "delete", i["livekit_ingress_id"].as_str().unwrap()]).code(5);
    assert_eq!(env.pulse(&key_b, &["egress", "list", "--json"]).json(), serde_json::json!([]));
    assert_eq!(env.pulse(&key_b, &["ingress", "list", "--json"]).json(), serde_json::json!([]));
    assert!(env.fake.requests_to("DeleteIngress").is_empty(), "B never touched A's ingress on LiveKit");
}

#[test]
fn admin_flow_with_saved_context_rotation_and_delete() {
    let env = TestEnv::start();
    let admin = [("PULSE_URL", env.url.as_str()), ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN)];
    let run = env.pulse_env(&admin, &["projects", "create", "Acme Live", "--save-context", "--json"]);
    run.code(0);
    let created = run.json();
    let id = created["project"]["project_id"].as_str().unwrap().to_string();
    let key = created["api_key"].as_str().unwrap().to_string();
    assert!(key.starts_with("pulse_key_") && id.starts_with("prj_"));
    assert!(run.stderr.contains("Saved context acme-live"), "{}", run.stderr);
    let path = env.config_dir().join("contexts.toml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // With only the context (no URL, no key in the environment) commands work.
    env.pulse_env(&[], &["egress", "start", "--room", "r", "--output", "hls"]).code(0);
    let shown = env.pulse_env(&[], &["context", "show", "--json"]).json();
    assert_eq!(shown["context"], "acme-live");
    assert_eq!(shown["url_source"], "context");
    assert!(!shown.to_string().contains(&key), "context show masks the key");

    // Listing never shows a key.
    let list = env.pulse_env(&admin, &["projects", "list", "--json"]);
    assert!(!list.stdout.contains(&key));
    assert_eq!(list.json()[0]["project_id"], id.as_str());
    env.pulse_env(&admin, &["projects", "get", &id]).code(0);

    // Rotation: the old key stops working at once.
    let rotated = env.pulse_env(&admin, &["projects", "rotate-key", &id, "--json"]).json();
    let new_key = rotated["api_key"].as_str().unwrap();
    assert_ne!(new_key, key);
    env.pulse(&key, &["egress", "list"]).code(4);
    env.pulse(new_key, &["egress", "list"]).code(0);

    // Delete refuses while egress is active, then --force.
    let run = env.pulse_env(&admin, &["projects", "delete", &id]);
    run.code(6);
    assert!(run.stderr.contains("active egress"), "{}", run.stderr);
    env.pulse_env(&admin, &["projects", "delete", &id, "--force"]).code(0);
    assert_eq!(env.fake.requests_to("StopEgress").len(), 1, "force stopped the running egress");
    env.pulse(new_key, &["egress", "list"]).code(4);
    env.pulse_env(&admin, &["projects", "get", &id]).code(5);
}

#[test]
fn credentials_are_checked() {
    let env = TestEnv::start();
    let url = [("PULSE_URL", env.url.as_str())];
    let run = env.pulse_env(&url, &["egress", "list"]);
    run.code(4);
    assert!(run.stderr.contains("no API key"), "{}", run.stderr);
    let run = env.pulse(&format!("pulse_key_{}", "x".repeat(43)), &["egress", "list"]);
    run.code(4);
    assert!(run.stderr.contains("invalid API key") && run.stderr.contains("hint:"), "{}", run.stderr);
    env.pulse_env(&[("PULSE_URL", &env.url), ("PULSE_ADMIN_TOKEN", "wrong-token-0123456789")], &["projects", "list"])
        .code(4);
    // A project key is not an admin token.
    let (_, key) = env.project("a");
    let (s, _, _) = env.api("GET", "/v1/projects", Some(("authorization", &format!("Bearer {key}"))), None);
    assert_eq!(s, 401);
}
