//! The daemon under test, as a user starts it: the release `pulse` binary run as `pulse daemon
//! --config <file>`, the file holding only what a user must set (listen address, data dir,
//! LiveKit, the private-target allowance for the local receiver, the retry schedule and
//! timeout the storms use), with no `PULSE_*` or `RUST_LOG` in its environment: default log
//! filter, reconcile interval and limits. `--tuned` adds [`TUNED`] and says so.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Daemon {
    pub child: Child,
    pub addr: SocketAddr,
    /// From spawn to `/health` answering.
    pub ready_after: Duration,
    /// The admin token the daemon generated into its data dir on first start.
    pub admin: String,
}

/// What `--tuned` adds to the config file: rate limits lifted (one load generator on one
/// address is not a crowd of clients) and a quieter log. Everything else stays default.
pub const TUNED: &str = "[rate_limit]\nper_ip_per_minute = 100000000\nper_project_per_minute = 100000000\n";

/// How the daemons of one run are configured.
#[derive(Clone, Default)]
pub struct Setup {
    /// The LiveKit stand-in's URL.
    pub livekit: String,
    pub tuned: bool,
    /// More TOML (e.g. the `[store]` section for PostgreSQL).
    pub extra: String,
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

/// The config file a user writes for this run.
pub fn config(listen: SocketAddr, data_dir: &Path, setup: &Setup) -> String {
    let mut c = format!(
        "[daemon]\nlisten = \"{listen}\"\ndata_dir = \"{}\"\n\n[livekit]\nurl = \"{}\"\napi_key = \"devkey\"\n\
         api_secret = \"secret\"\n\n[webhooks]\nallow_private_targets = true\n\
         retry_schedule = [\"1s\", \"2s\", \"2s\", \"2s\"]\ntimeout = \"5s\"\n",
        data_dir.display(),
        setup.livekit
    );
    if !setup.extra.is_empty() {
        c.push('\n');
        c.push_str(&setup.extra);
    }
    if setup.tuned {
        c.push('\n');
        c.push_str(TUNED);
    }
    c
}

impl Daemon {
    /// Writes the config beside `data_dir` and starts `pulse daemon --config` on it.
    pub fn start(data_dir: &Path, setup: &Setup) -> Daemon {
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let parent = data_dir.parent().unwrap();
        let name = data_dir.file_name().unwrap().to_string_lossy().to_string();
        let file = parent.join(format!("{name}.toml"));
        std::fs::write(&file, config(addr, data_dir, setup)).unwrap();
        let log = std::fs::File::create(parent.join(format!("{name}.log"))).unwrap();
        let started = Instant::now();
        // PULSE_BENCH_WRAP runs the daemon under another program, e.g. `valgrind
        // --tool=callgrind` for instruction counts that do not move with the machine's load.
        let wrap = std::env::var("PULSE_BENCH_WRAP").unwrap_or_default();
        let mut words = wrap.split_whitespace();
        let mut cmd = match words.next() {
            Some(w) => {
                let mut c = Command::new(w);
                c.args(words).arg(binary());
                c
            }
            None => Command::new(binary()),
        };
        cmd.arg("daemon").arg("--config").arg(&file);
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy().to_string();
            if k.starts_with("PULSE_") || k == "RUST_LOG" {
                cmd.env_remove(k);
            }
        }
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(log);
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
            assert!(
                started.elapsed() < Duration::from_secs(if wrap.is_empty() { 60 } else { 600 }),
                "the daemon did not become ready"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let ready_after = started.elapsed();
        let admin = std::fs::read_to_string(data_dir.join("admin_token")).unwrap_or_default().trim().to_string();
        Daemon { child, addr, ready_after, admin }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Resident memory now, in MB.
    pub fn rss_mb(&self) -> f64 {
        rss_mb(self.child.id())
    }

    /// CPU time the daemon has used so far (user + system), in seconds: a figure that moves
    /// far less than throughput when the machine's other tenants do.
    pub fn cpu_s(&self) -> f64 {
        cpu_s(self.child.id())
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

/// A process's CPU time (user + system), in seconds, from `/proc/<pid>/stat`.
pub fn cpu_s(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 of what follows ')'
    // (the state letter is not a number, so it is skipped).
    let ticks = f.get(10).copied().unwrap_or(0.0) + f.get(11).copied().unwrap_or(0.0);
    ticks / 100.0
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
