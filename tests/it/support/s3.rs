//! A real S3-compatible server for the tests that check recordings: moto in server mode, one
//! process per test on 127.0.0.1, killed when the test ends. `.ci/run` installs it in a
//! virtual environment (`target/test-venv`); `PULSE_TEST_MOTO` names another `moto_server`.
//! Outside CI, a machine without one skips those tests, saying so; under `CI=true` that is a
//! failure.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

pub const REGION: &str = "us-east-1";
pub const ACCESS_KEY: &str = "AKIAPULSETEST";
pub const SECRET_KEY: &str = "pulse-test-secret-key";

/// A running moto server.
pub struct S3Server {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where `moto_server` is: `PULSE_TEST_MOTO`, the venv `.ci/run` makes, or the `PATH`.
fn moto() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("PULSE_TEST_MOTO") {
        return Some(p.into());
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-venv/bin/moto_server");
    if venv.exists() {
        return Some(venv);
    }
    let on_path = std::env::var_os("PATH")?;
    std::env::split_paths(&on_path).map(|d| d.join("moto_server")).find(|p| p.exists())
}

impl S3Server {
    /// Starts moto on a free port, or returns `None` (the caller skips) when there is none and
    /// this is not CI.
    pub fn start() -> Option<S3Server> {
        let Some(bin) = moto() else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true and no moto_server: .ci/run installs it into target/test-venv");
            }
            eprintln!("SKIPPED: no moto_server (pip install 'moto[server]', or set PULSE_TEST_MOTO)");
            return None;
        };
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("AWS_DEFAULT_REGION", REGION)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let server = S3Server { child, endpoint: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto did not listen on {port} within 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(server)
    }

    fn bucket(&self, name: &str) -> Bucket {
        bucket(&self.endpoint, name)
    }

    /// Creates a bucket.
    pub async fn create_bucket(&self, name: &str) {
        let b = self.bucket(name);
        let url = b.create_bucket(&creds()).sign(Duration::from_secs(60));
        let res = http().put(url.as_str()).header("content-length", "0").body(Vec::new()).send().await.unwrap();
        assert!(res.status().is_success(), "create bucket {name}: {}", res.status());
    }
}

/// Uploads an object the way egress does, with the `S3Upload` of its request (protojson:
/// `accessKey`, `secret`, `region`, `endpoint`, `bucket`, `forcePathStyle`): a SigV4-signed PUT.
pub async fn put(s3: &serde_json::Value, key: &str, body: Vec<u8>) {
    let text = |k: &str| s3[k].as_str().unwrap_or_else(|| panic!("the request's s3.{k}")).to_string();
    let style = if s3["forcePathStyle"].as_bool() == Some(true) { UrlStyle::Path } else { UrlStyle::VirtualHost };
    let b = Bucket::new(text("endpoint").parse().unwrap(), style, text("bucket"), text("region")).unwrap();
    let creds = Credentials::new(text("accessKey"), text("secret"));
    let url = b.put_object(Some(&creds), key).sign(Duration::from_secs(60));
    let len = body.len().to_string();
    let res = http().put(url.as_str()).header("content-length", len).body(body).send().await.unwrap();
    assert!(res.status().is_success(), "upload {key}: {}", res.status());
}

/// A bucket on `endpoint`, path-style, as MinIO and R2 are addressed.
pub fn bucket(endpoint: &str, name: &str) -> Bucket {
    Bucket::new(endpoint.parse().unwrap(), UrlStyle::Path, name.to_string(), REGION).unwrap()
}

pub fn creds() -> Credentials {
    Credentials::new(ACCESS_KEY, SECRET_KEY)
}

fn http() -> reqwest::Client {
    pulse::http_client(Duration::from_secs(10))
}

/// A TCP gate in front of a store: open, it passes connections through; closed, it hangs up on
/// them, so the store looks unreachable without losing what it holds.
pub struct Gate {
    /// `http://127.0.0.1:<port>`, to use as the storage endpoint.
    pub endpoint: String,
    open: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Gate {
    /// A gate to `target` (`http://host:port`), open, serving on the current runtime.
    pub async fn start(target: &str) -> Gate {
        use std::sync::atomic::{AtomicBool, Ordering};
        let target = target.trim_start_matches("http://").to_string();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let open = std::sync::Arc::new(AtomicBool::new(true));
        let flag = open.clone();
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !flag.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let target = target.clone();
                tokio::spawn(async move {
                    if let Ok(mut out) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut out).await;
                    }
                });
            }
        });
        Gate { endpoint, open }
    }

    pub fn set_open(&self, open: bool) {
        self.open.store(open, std::sync::atomic::Ordering::SeqCst);
    }
}
