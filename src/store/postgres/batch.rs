//! Group commit: concurrent commits share one transaction. A few committer tasks each take
//! what is waiting (never waiting for more) and commit it together, so under load one WAL
//! flush and three round trips carry many intakes, and alone a commit goes straight through.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use deadpool_postgres::Pool;
use tokio::sync::{Mutex, mpsc, oneshot};

use super::write::{self, Plan};
use super::{Notice, pool_err};
use crate::store::{Changes, Committed, Result, StoreError};

/// The most commits one transaction carries: beyond this, a batch's pipeline is long enough
/// that another committer's flush overlaps it better.
const MAX_BATCH: usize = 64;

/// What a committer answers: the outcome, and the notices to send when it was applied.
type Answer = Result<(Committed, Vec<Notice>)>;

/// One commit waiting for a committer.
pub struct Job {
    plan: Plan,
    done: oneshot::Sender<Answer>,
}

/// Starts the committers over `pool` and answers where commits go. A quarter of the pool
/// commits (at least one), leaving the rest to reads and claims; they stop once every sender
/// is gone.
/// `batches` counts the transactions they commit.
pub fn start(pool: Pool, pool_size: usize, batches: Arc<AtomicU64>) -> mpsc::Sender<Job> {
    let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..(pool_size / 4).max(1) {
        tokio::spawn(committer(pool.clone(), rx.clone(), batches.clone()));
    }
    tx
}

/// Hands `changes` to a committer and waits for it to be durable (or refused).
pub async fn commit(jobs: &mpsc::Sender<Job>, changes: Changes) -> Answer {
    let (done, answer) = oneshot::channel();
    let gone = || StoreError::Io("the store's committers have stopped".into());
    jobs.send(Job { plan: Plan::new(changes), done }).await.map_err(|_| gone())?;
    answer.await.map_err(|_| gone())?
}

async fn committer(pool: Pool, jobs: Arc<Mutex<mpsc::Receiver<Job>>>, batches: Arc<AtomicU64>) {
    loop {
        let mut batch = Vec::new();
        {
            // One committer at a time waits for work; it takes what else is already there.
            let mut rx = jobs.lock().await;
            let Some(first) = rx.recv().await else { return };
            batch.push(first);
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
        }
        batches.fetch_add(1, Ordering::Relaxed);
        run(&pool, batch).await;
    }
}

fn applied(answer: Committed, plan: Plan) -> (Committed, Vec<Notice>) {
    let notices = if answer == Committed::Applied { plan.notices() } else { Vec::new() };
    (answer, notices)
}

async fn run(pool: &Pool, batch: Vec<Job>) {
    let mut client = match pool.get().await {
        Ok(c) => c,
        Err(e) => {
            let e = pool_err(e);
            for job in batch {
                let _ = job.done.send(Err(e.clone()));
            }
            return;
        }
    };
    if batch.len() > 1 {
        let (plans, dones): (Vec<Plan>, Vec<_>) = batch.into_iter().map(|j| (j.plan, j.done)).unzip();
        match write::commit_batch(&mut client, &plans).await {
            Ok(Some(answers)) => {
                for ((answer, plan), done) in answers.into_iter().zip(plans).zip(dones) {
                    let _ = done.send(Ok(applied(answer, plan)));
                }
            }
            Ok(None) => {
                // Someone's precondition missed or a statement failed: each alone, for its
                // own answer.
                for (plan, done) in plans.into_iter().zip(dones) {
                    let answer = write::commit(&mut client, &plan).await;
                    let _ = done.send(answer.map(|a| applied(a, plan)));
                }
            }
            Err(e) => {
                for done in dones {
                    let _ = done.send(Err(e.clone()));
                }
            }
        }
        return;
    }
    for job in batch {
        let answer = write::commit(&mut client, &job.plan).await;
        let _ = job.done.send(answer.map(|a| applied(a, job.plan)));
    }
}
