//! The HTTP server under the routes: accepts connections up to a cap, serves HTTP/1.1 and
//! HTTP/2 (h2c) on each with hyper, and closes the ones that misbehave — a first request's
//! headers not sent within the header timeout, or no byte read or written for the idle timeout (an idle
//! keep-alive, a stalled upload, an event-stream reader that stopped reading). Shutdown stops
//! accepting, lets requests in flight finish and closes idle connections.
//!
//! warp's own `serve` offers none of these limits, so the daemon runs warp's filters as a
//! service here, on the same hyper-util connection builder warp uses.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};
use warp::filters::BoxedFilter;
use warp::reply::Response;

/// The address a request came from (what `auth::caller` rate-limits by).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub SocketAddr);

/// The connection limits (`[daemon]`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
}

/// Serves `routes` on `listener` until `shutdown` completes, then drains.
pub async fn serve(
    routes: BoxedFilter<(Response,)>,
    listener: TcpListener,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // Over the cap, connections wait in the kernel's backlog rather than in memory here.
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => s.expect("the semaphore is never closed"),
            _ = &mut shutdown => break,
        };
        let (tcp, addr) = tokio::select! {
            r = listener.accept() => match r {
                Ok(pair) => pair,
                Err(e) => {
                    // EMFILE and the like: wait for connections to close rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = tcp.set_nodelay(true);
        let (first_byte, got_first_byte) = tokio::sync::oneshot::channel();
        let io = TokioIo::new(Idle::new(tcp, limits.idle_timeout, first_byte));
        let service = warp::service(routes.clone());
        let asked = Arc::new(AtomicBool::new(false));
        let first = asked.clone();
        let svc = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            first.store(true, Ordering::Relaxed);
            req.extensions_mut().insert(ClientAddr(addr));
            let mut s = service.clone();
            tower_service::Service::call(&mut s, req)
        });
        let watcher = graceful.watcher();
        let served = tokio::spawn(async move {
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            // hyper's header timeout also runs while a keep-alive connection waits for its next
            // request, so a client reusing a connection idle for longer found it closed under
            // its request ("connection closed without response"). The header timeout is the
            // first request's (below); later ones have the idle timeout for their headers.
            builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.idle_timeout);
            builder.http2().timer(TokioTimer::new());
            let conn = watcher.watch(builder.serve_connection_with_upgrades(io, svc));
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
            drop(slot);
        });
        // From its first byte, a connection has the header timeout to make a request (a silent
        // one has the idle timeout, through `Idle`); if it has not, it is closed (its task
        // aborted, which drops the connection and its slot). A watch of its own, so the
        // connection's every wake-up does not poll a timer too.
        tokio::spawn(async move {
            if got_first_byte.await.is_ok() {
                tokio::time::sleep(limits.header_timeout).await;
                if !asked.load(Ordering::Relaxed) {
                    served.abort();
                }
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// A connection that fails once no byte has moved either way for `idle`.
struct Idle {
    io: TcpStream,
    idle: Duration,
    deadline: Pin<Box<Sleep>>,
    /// Told when the first byte arrives (the header timeout runs from then).
    first_byte: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Idle {
    fn new(io: TcpStream, idle: Duration, first_byte: tokio::sync::oneshot::Sender<()>) -> Self {
        Idle { io, idle, deadline: Box::pin(tokio::time::sleep(idle)), first_byte: Some(first_byte) }
    }

    fn moved(&mut self) {
        let next = Instant::now() + self.idle;
        // Resetting the timer on every read is cheap, but skip it within the same tick.
        if self.deadline.deadline() + Duration::from_millis(10) < next {
            self.deadline.as_mut().reset(next);
        }
    }

    /// A write's outcome: bytes written move the deadline; a blocked write waits for it.
    fn wrote(&mut self, cx: &mut Context<'_>, r: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        match r {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.moved();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Pending => self.expired(cx),
            other => other,
        }
    }

    /// Called when the socket would block: the connection ends once the deadline passes.
    fn expired<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "connection idle too long"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Idle {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.moved();
                    if let Some(tx) = this.first_byte.take() {
                        let _ = tx.send(());
                    }
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending => this.expired(cx),
            other => other,
        }
    }
}

impl AsyncWrite for Idle {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.io).poll_write(cx, buf);
        this.wrote(cx, r)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.wrote(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
