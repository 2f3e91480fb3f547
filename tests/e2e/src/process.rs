//! Finding, signalling and waiting for the processes a test started (by environment marker).

use super::*;

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

pub(crate) fn unique_marker(kind: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{kind}-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// PIDs of live processes whose environment contains `var=value` exactly.
pub(crate) fn pids_with_env(var: &str, value: &str) -> Vec<i32> {
    let needle = format!("{var}={value}");
    let me = std::process::id() as i32;
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|&pid| pid != me)
        .filter(|&pid| {
            // Zombies have an empty environ; they are gone for our purposes.
            fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|&b| b == 0).any(|kv| kv == needle.as_bytes()))
                .unwrap_or(false)
        })
        .collect()
}

pub(crate) fn describe_pid(pid: i32) -> String {
    let cmd = fs::read(format!("/proc/{pid}/cmdline"))
        .map(|c| {
            c.split(|&b| b == 0)
                .filter(|s| !s.is_empty())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    format!("pid {pid} ({cmd})")
}

pub(crate) fn signal(pids: &[i32], sig: i32) {
    for &pid in pids {
        // SAFETY: plain kill(2); the pid was just read from /proc and an
        // already-exited process only yields ESRCH.
        unsafe {
            libc::kill(pid, sig);
        }
    }
}

/// Poll until no process carries `var=value`; true if that happened in time.
pub(crate) fn wait_until_gone(var: &str, value: &str, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if pids_with_env(var, value).is_empty() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(POLL);
    }
}

pub(crate) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
