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
