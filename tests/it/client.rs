//! A client generated from the committed `docs/openapi.json` (openapi-python-client, from
//! PyPI; `.ci/run` installs it in `target/test-venv`) drives a quickstart against the real
//! daemon: a project, an endpoint, an HLS egress started and stopped, a test event delivered
//! and signed, its log, the project's usage. A document a generator cannot read, or one whose
//! types do not fit the answers, fails here. Outside CI, a machine without the generator skips
//! this, saying so.

use std::path::PathBuf;
use std::process::Command;

use super::support::{ADMIN_TOKEN, TestEnv};

fn venv_bin(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-venv/bin").join(name);
    p.exists().then_some(p)
}

#[test]
fn a_python_client_generated_from_the_document_runs_the_quickstart() {
    let (Some(generator), Some(python)) = (venv_bin("openapi-python-client"), venv_bin("python")) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true and no openapi-python-client in target/test-venv"
        );
        eprintln!("SKIPPED: no openapi-python-client in target/test-venv (pip install openapi-python-client)");
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let config = work.path().join("config.yaml");
    std::fs::write(
        &config,
        "project_name_override: pulse-client\npackage_name_override: pulse_client\npost_hooks: []\n",
    )
    .unwrap();
    let doc = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.json");
    let out = Command::new(&generator)
        .args(["generate", "--path"])
        .arg(&doc)
        .arg("--config")
        .arg(&config)
        .current_dir(work.path())
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the generator failed:\n{said}");
    assert!(!said.contains("Warning"), "the generator left parts out:\n{said}");

    let env = TestEnv::start();
    let rx = env.receiver();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/client/quickstart.py");
    let out = Command::new(&python)
        .arg(&script)
        .env("PYTHONPATH", work.path().join("pulse-client"))
        .env("PULSE_URL", &env.url)
        .env("PULSE_ADMIN_TOKEN", ADMIN_TOKEN)
        .env("RECEIVER_URL", &rx.url)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the quickstart failed:\n{stderr}");
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["egress_room"], "stage", "{seen}");
    assert_eq!(seen["usage_project"], seen["project_id"], "{seen}");
    assert!(seen["logs"].as_u64().unwrap() >= 1, "{seen}");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 1);
    assert_eq!(env.fake.requests_to("StopEgress").len(), 1);
    // The test event arrived; sent again now that the receiver knows the secret the generated
    // client was shown, it verifies with it.
    rx.wait_for(10, |g| g.iter().any(|r| r.json["id"] == seen["event_id"]));
    rx.trust(seen["secret"].as_str().unwrap());
    let log = seen["log_id"].as_str().unwrap();
    let key = seen["api_key"].as_str().unwrap();
    let (status, _, _) =
        env.api("POST", &format!("/v1/webhooks/logs/{log}/replay"), Some(("x-pulse-key", key)), Some(b"{}".to_vec()));
    assert_eq!(status, 200);
    let got = rx.wait_for(10, |g| g.iter().filter(|r| r.json["id"] == seen["event_id"]).count() >= 2);
    let replayed = got.iter().filter(|r| r.json["id"] == seen["event_id"]).nth(1).unwrap();
    assert!(replayed.standard_ok && replayed.pulse_ok, "signed with the secret the client was shown");
}
