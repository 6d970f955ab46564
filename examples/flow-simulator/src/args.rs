//! The command line.

use std::net::IpAddr;

use crate::faults::Fault;
use crate::state::Config;
use crate::webhooks::{check_url, Chaos, WebhookConfig};

pub struct Args {
    pub bind: IpAddr,
    pub port: u16,
    pub verbose: bool,
    pub config: Config,
    pub webhooks: WebhookConfig,
    pub faults: Vec<Fault>,
}

pub const USAGE: &str = "usage: persona-flow-simulator [--port N] [--bind ADDR] [--verbose] [options]\n\
  --port N                       port to listen on (default 8787; 0 = any free port)\n\
  --bind ADDR                    address to bind (default 127.0.0.1)\n\
  --verbose                      log each request on stderr\n\
  --api-key KEY                  the REST API's key (Authorization: Bearer KEY); without it the API answers 401\n\
  --session-ttl-s N              how long a session token is valid (default 3600)\n\
  --decision-ms N                how long after completion the inquiry is decided (default 300)\n\
  --expire-after-s N             created/pending inquiries inactive this long expire (default 86400)\n\
  --strict-sessions              /widget refuses an inquiry-id the simulator does not know\n\
  --fault STATUS[:COUNT[:S]]     the next COUNT API requests answer STATUS (Retry-After S); repeatable\n\
  --webhook-url URL              send every inquiry event to this http:// URL\n\
  --webhook-secret SECRET        the key that signs them (required with --webhook-url)\n\
  --webhook-rotation-secret OLD  sign with OLD too (two t=…,v1=… sets, OLD first)\n\
  --webhook-retry-ms N           retry base: attempt k waits N*4^(k-2) ms (default 200)\n\
  --webhook-attempts N           attempts per delivery (default 5, at most 20)\n\
  --webhook-timeout-ms N         an attempt with no answer by then fails (default 5000)\n\
  --webhook-chaos P|duplicate=P,reorder=P   duplicate and reorder deliveries\n";

fn number(flag: &str, v: &str, max: u64) -> Result<u64, String> {
    v.trim()
        .parse::<u64>()
        .ok()
        .filter(|n| *n <= max)
        .ok_or_else(|| format!("{flag}: {v:?} is not a whole number up to {max}"))
}

/// The arguments; `None` for `--help`.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut out = Args {
        bind: IpAddr::from([127, 0, 0, 1]),
        port: 8787,
        verbose: false,
        config: Config::default(),
        webhooks: WebhookConfig::default(),
        faults: Vec::new(),
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        const TEN_YEARS_S: u64 = 10 * 365 * 86_400;
        match flag.as_str() {
            "--port" => {
                let v = value("--port")?;
                out.port = v
                    .parse()
                    .map_err(|_| format!("--port: {v:?} is not a port number (0-65535)"))?;
            }
            "--bind" => {
                let v = value("--bind")?;
                let v_trimmed = v.trim_start_matches('[').trim_end_matches(']');
                out.bind = v_trimmed
                    .parse()
                    .map_err(|_| format!("--bind: {v:?} is not an IP address"))?;
            }
            "--verbose" | "-v" => out.verbose = true,
            "--api-key" => {
                let v = value("--api-key")?;
                if v.is_empty() {
                    return Err("--api-key: the key is empty".into());
                }
                out.config.api_key = Some(v);
            }
            "--session-ttl-s" => {
                out.config.session_ttl_ms =
                    number("--session-ttl-s", &value("--session-ttl-s")?, TEN_YEARS_S)? * 1000;
            }
            "--decision-ms" => {
                out.config.decision_ms =
                    number("--decision-ms", &value("--decision-ms")?, TEN_YEARS_S)?;
            }
            "--expire-after-s" => {
                out.config.expire_after_ms =
                    number("--expire-after-s", &value("--expire-after-s")?, TEN_YEARS_S)? * 1000;
            }
            "--strict-sessions" => out.config.strict_sessions = true,
            "--fault" => out.faults.push(Fault::from_flag(&value("--fault")?)?),
            "--webhook-url" => {
                out.webhooks.url = Some(
                    check_url(&value("--webhook-url")?)
                        .map_err(|e| format!("--webhook-url: {e}"))?,
                );
            }
            "--webhook-secret" => out.webhooks.secret = value("--webhook-secret")?,
            "--webhook-rotation-secret" => {
                out.webhooks.rotation_secret = Some(value("--webhook-rotation-secret")?);
            }
            "--webhook-retry-ms" => {
                out.webhooks.retry_ms = number(
                    "--webhook-retry-ms",
                    &value("--webhook-retry-ms")?,
                    3_600_000,
                )?;
            }
            "--webhook-attempts" => {
                let n = number("--webhook-attempts", &value("--webhook-attempts")?, 20)?;
                out.webhooks.attempts = u32::try_from(n.max(1)).unwrap_or(1);
            }
            "--webhook-timeout-ms" => {
                out.webhooks.timeout_ms = number(
                    "--webhook-timeout-ms",
                    &value("--webhook-timeout-ms")?,
                    600_000,
                )?
                .max(1);
            }
            "--webhook-chaos" => out.webhooks.chaos = Chaos::from_flag(&value("--webhook-chaos")?)?,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if out.webhooks.url.is_some() && out.webhooks.secret.is_empty() {
        return Err("--webhook-url needs --webhook-secret".into());
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Args, String> {
        parse(args.iter().map(|s| (*s).to_owned()))?.ok_or_else(|| "help".to_owned())
    }

    #[test]
    fn defaults_need_no_flags() {
        let a = p(&[]).unwrap();
        assert_eq!(a.port, 8787);
        assert!(a.config.api_key.is_none());
        assert!(a.webhooks.url.is_none());
        assert_eq!(a.config.decision_ms, 300);
        assert_eq!(a.config.session_ttl_ms, 3_600_000);
    }

    #[test]
    fn every_flag_parses() {
        let a = p(&[
            "--port=0",
            "--api-key",
            "k",
            "--session-ttl-s",
            "5",
            "--decision-ms=50",
            "--expire-after-s",
            "9",
            "--strict-sessions",
            "--fault",
            "429:2:3",
            "--fault=500",
            "--webhook-url",
            "http://127.0.0.1:1/hook",
            "--webhook-secret",
            "s",
            "--webhook-rotation-secret",
            "old",
            "--webhook-retry-ms",
            "10",
            "--webhook-attempts",
            "3",
            "--webhook-timeout-ms",
            "100",
            "--webhook-chaos",
            "duplicate=1",
        ])
        .unwrap();
        assert_eq!(a.config.api_key.as_deref(), Some("k"));
        assert_eq!(
            (
                a.config.session_ttl_ms,
                a.config.decision_ms,
                a.config.expire_after_ms
            ),
            (5000, 50, 9000)
        );
        assert!(a.config.strict_sessions);
        assert_eq!(a.faults.len(), 2);
        assert_eq!(a.webhooks.rotation_secret.as_deref(), Some("old"));
        assert_eq!(
            (
                a.webhooks.retry_ms,
                a.webhooks.attempts,
                a.webhooks.timeout_ms
            ),
            (10, 3, 100)
        );
        assert_eq!(a.webhooks.chaos.duplicate, 1.0);
    }

    #[test]
    fn bad_flags_are_errors() {
        for bad in [
            &["--webhook-url", "http://127.0.0.1:1/"][..],
            &["--webhook-url", "https://x/", "--webhook-secret", "s"],
            &["--api-key", ""],
            &["--api-key"],
            &["--decision-ms", "-1"],
            &["--webhook-attempts", "21"],
            &["--fault", "200"],
            &["--bogus"],
            &["--help"],
        ] {
            assert!(p(bad).is_err(), "{bad:?}");
        }
    }
}
