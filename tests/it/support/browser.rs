//! A real browser for the console tests: Debian's headless Chromium driven over WebDriver by
//! its chromedriver (both installed by `.ci/run`), one per test, on 127.0.0.1. Outside CI, a
//! machine without them skips those tests, saying so; under `CI=true` that is a failure.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// A running chromedriver and a session in a fresh, headless Chromium.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    /// Ends chromedriver and every Chromium it started: they share its process group, so a
    /// test that panics mid-session leaves no browser behind.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

fn find(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH")?;
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).chain([PathBuf::from("/usr/bin")]).collect();
    names.iter().flat_map(|n| dirs.iter().map(move |d| d.join(n))).find(|p| p.exists())
}

impl Browser {
    /// Starts chromedriver and a browser session, or `None` (the caller skips) when they are
    /// missing and this is not CI.
    pub async fn start() -> Option<Browser> {
        let (Some(driver_bin), Some(chromium)) = (
            find("PULSE_TEST_CHROMEDRIVER", &["chromedriver"]),
            find("PULSE_TEST_CHROMIUM", &["chromium", "chromium-browser"]),
        ) else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true and no chromium/chromedriver: .ci/run installs Debian's chromium and chromium-driver");
            }
            eprintln!("SKIPPED: no chromium and chromedriver (apt install chromium chromium-driver)");
            return None;
        };
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let driver = Command::new(&driver_bin)
            .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into()])
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_bin.display()));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen within 20 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        // Flags as this machine needs them: no sandbox as root, and no background calls to a
        // network that is closed (reference: the machine's notes).
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({"binary": chromium.to_str().unwrap(), "args": args}),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session starts");
        Some(Browser { client, driver, _profile: profile })
    }

    /// Waits for an element matching `css`.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no `{css}` on the page: {e}"))
    }

    /// Waits until the text of `css` satisfies `pred`; returns it.
    pub async fn text_until(&self, css: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await
                && let Ok(t) = e.text().await
                && pred(&t)
            {
                return t;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what} in `{css}`");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG of the window to `docs/<name>` when `PULSE_BLESS` is set (the README shows
    /// them), so that ordinary runs leave the tree alone.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        if std::env::var_os("PULSE_BLESS").is_some() {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs").join(name);
            std::fs::write(path, png).unwrap();
        }
    }
}
