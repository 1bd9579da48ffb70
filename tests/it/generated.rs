//! The committed completions and man pages match the CLI. Regenerate them with
//! `PULSE_BLESS=1 cargo test generated`.

#[test]
fn completions_and_man_pages_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("PULSE_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, contents) in pulse::cli::completions::generated_files() {
        let full = root.join(&path);
        if bless {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, &contents).unwrap();
        } else if std::fs::read(&full).ok().as_deref() != Some(contents.as_slice()) {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `PULSE_BLESS=1 cargo test generated` and commit them"
    );
}

/// `docs/openapi.json` is the document the daemon serves at `/v1/openapi.json`.
#[test]
fn the_committed_openapi_document_is_current_and_served() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.json");
    let doc = format!("{}\n", pulse::daemon::openapi::served());
    if std::env::var_os("PULSE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &doc).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).ok().as_deref() == Some(doc.as_str()),
        "docs/openapi.json is stale: run `PULSE_BLESS=1 cargo test generated` and commit it"
    );
    let env = super::support::TestEnv::start();
    let (status, headers, served) = env.api("GET", "/v1/openapi.json", None, None);
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(served, serde_json::from_str::<serde_json::Value>(&doc).unwrap());
    let paths = served["paths"].as_object().unwrap();
    for p in ["/v1/media/egress/start", "/v1/webhooks/logs/{id}/replay", "/v1/media/rules/{id}", "/v1/openapi.json"] {
        assert!(paths.contains_key(p), "{p} is documented");
    }
}
