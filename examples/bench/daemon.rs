//! The daemon under test: the release `pulse` binary as a child process on 127.0.0.1, its data
//! dir in a temp dir, with its RSS read from /proc.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN: &str = "bench-admin-token-0123456789";

pub struct Daemon {
    pub child: Child,
    pub addr: SocketAddr,
    /// From spawn to `/health` answering.
    pub ready_after: Duration,
}

/// `target/release/pulse`, beside this example's binary.
fn binary() -> PathBuf {
    let me = std::env::current_exe().unwrap();
    let bin = me.parent().unwrap().parent().unwrap().join("pulse");
    assert!(bin.exists(), "{} is missing: run `cargo build --release` first", bin.display());
    bin
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Daemon {
    /// Starts `pulse daemon` on `data_dir` with LiveKit at `livekit` and `env` on top.
    pub fn start(data_dir: &Path, livekit: &str, env: &[(&str, &str)]) -> Daemon {
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let started = Instant::now();
        let mut cmd = Command::new(binary());
        cmd.args(["daemon", "--listen", &addr.to_string(), "--data-dir", data_dir.to_str().unwrap()])
            .env_clear()
            .env("PULSE_ADMIN_TOKEN", ADMIN)
            .env("PULSE_LIVEKIT_URL", livekit)
            .env("PULSE_WEBHOOKS_ALLOWED_CIDRS", "127.0.0.0/8")
            .env("PULSE_RATE_LIMIT_PER_IP_PER_MINUTE", "100000000")
            .env("PULSE_RATE_LIMIT_PER_PROJECT_PER_MINUTE", "100000000")
            .env("PULSE_LIVEKIT_RECONCILE_INTERVAL", "1h")
            .env("PULSE_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().unwrap();
        loop {
            if let Ok(mut s) = std::net::TcpStream::connect(addr) {
                use std::io::{Read, Write};
                let _ = s.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
                let mut out = String::new();
                let _ = s.read_to_string(&mut out);
                if out.starts_with("HTTP/1.1 200") {
                    break;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(60), "the daemon did not become ready");
            std::thread::sleep(Duration::from_millis(5));
        }
        Daemon { child, addr, ready_after: started.elapsed() }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Resident memory now, in MB.
    pub fn rss_mb(&self) -> f64 {
        rss_mb(self.child.id())
    }

    /// SIGTERM, then wait.
    pub fn stop(self) {}
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

/// A process's resident memory, in MB.
pub fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Samples a process's RSS every 100 ms on a thread until the returned guard drops; the guard reports the
/// maximum seen.
pub struct Peak {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<f64>>,
}

impl Peak {
    pub fn rss(pid: u32) -> Peak {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let s = stop.clone();
        let handle = std::thread::spawn(move || {
            let mut max: f64 = 0.0;
            while !s.load(std::sync::atomic::Ordering::Relaxed) {
                max = max.max(rss_mb(pid));
                std::thread::sleep(Duration::from_millis(100));
            }
            max
        });
        Peak { stop, handle: Some(handle) }
    }

    pub fn finish(mut self) -> f64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.handle.take().unwrap().join().unwrap()
    }
}

/// Bytes under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    let mut n = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let m = e.metadata().unwrap();
        n += if m.is_dir() { dir_size(&e.path()) } else { m.len() };
    }
    n
}
