//! Fuzzing what comes in from outside: session files and shared links,
//! mutated from real ones and made up from scratch.
//!
//! Shared links are fuzzed three ways: their text mutated, their
//! compressed bytes mutated (so the inflater, not the base64 reader, meets
//! the damage), and zip bombs (a few kilobytes that unpack to far more than
//! a session may be), whole, cut or with bytes changed.
//!
//! For every input: nothing panics; an accepted session or link exports and
//! imports back to the same session; a refused link leaves the session in
//! use as it was. `FUZZ_INPUTS` sets how many inputs are tried
//! (default 20 000 in `make test`; `make fuzz` runs 1 000 000).
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{AssertUnwindSafe, catch_unwind};

use es_playground::core::codec;
use es_playground::core::domain::Fact;
use es_playground::core::lessons::lessons;
use es_playground::core::session::{Action, Session, Settings};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Real inputs to start from: every lesson's session and a busy hand-made
/// one, as session files.
fn seeds() -> Vec<String> {
    let mut sessions: Vec<Session> = lessons().iter().filter_map(|l| l.session().ok()).collect();
    let actions = vec![
        Action::Fire {
            fact: Fact::customer_confirmed("42", "vegan").expect("ids"),
        },
        Action::RollBack {
            context: "Sales".into(),
            positions: 2,
        },
        Action::FireRandomOrders { orders: 3 },
        Action::SetSingleStream { on: true },
        Action::Fire {
            fact: Fact::caterer_declined("42", "fish").expect("ids"),
        },
    ];
    sessions.push(Session::replay(9, Settings::default(), &actions).expect("accepted"));
    sessions.iter().map(Session::to_json).collect()
}

/// Zip bombs: 8 and 64 MiB of one byte, packed as links of the current format.
fn bombs() -> Vec<Vec<u8>> {
    [8usize << 20, 64 << 20]
        .iter()
        .map(|&size| {
            let code = codec::pack(&vec![b'{'; size]);
            codec::base64url_decode(&code).expect("own packing decodes")
        })
        .collect()
}

/// A link's code with its compressed bytes mutated.
fn mutate_packed(compressed: &[u8], seeds: &[String], rng: &mut Rng) -> String {
    let text = codec::base64url_encode(compressed);
    let mutated = mutate_bytes(
        codec::base64url_decode(&text).unwrap_or_default(),
        seeds,
        rng,
    );
    format!("2.{}", codec::base64url_encode(&mutated))
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "-1",
    "1e999",
    "18446744073709551616",
    "\"action\"",
    "\"fire\"",
    "\"restart\"",
    "\"version\"",
    "\"format\"",
    "\\u0000",
    "\u{1F600}",
    "\"positions\"",
    "\"position\"",
    "\"stream\"",
    "\"Order$1\"",
    "\"\"",
    "0",
];

/// One mutation of `text`, drawing material from `other` seeds.
fn mutate(text: &str, seeds: &[String], rng: &mut Rng) -> String {
    String::from_utf8_lossy(&mutate_bytes(text.as_bytes().to_vec(), seeds, rng)).into_owned()
}

/// One mutation of `bytes`, drawing material from `seeds`.
fn mutate_bytes(mut bytes: Vec<u8>, seeds: &[String], rng: &mut Rng) -> Vec<u8> {
    for _ in 0..=rng.below(4) {
        let len = bytes.len().max(1);
        let at = rng.below(len);
        match rng.below(8) {
            0 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => bytes.insert(at.min(bytes.len()), rng.next() as u8),
            2 => {
                let end = (at + 1 + rng.below(16)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            3 => {
                let end = (at + 1 + rng.below(32)).min(bytes.len());
                let piece = bytes.get(at.min(end)..end).unwrap_or_default().to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, piece);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(
                    at.min(bytes.len())..at.min(bytes.len()),
                    token.iter().copied(),
                );
            }
            5 => {
                // A digit replaced by another keeps numbers' size (no huge replays).
                if let Some(b) = bytes.get_mut(at).filter(|b| b.is_ascii_digit()) {
                    *b = b'0' + rng.below(10) as u8;
                }
            }
            6 => {
                let other = seeds[rng.below(seeds.len())].as_bytes();
                let from = rng.below(other.len());
                let end = (from + rng.below(200)).min(other.len());
                bytes.splice(
                    at.min(bytes.len())..at.min(bytes.len()),
                    other[from..end].iter().copied(),
                );
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn inputs_to_try() -> usize {
    std::env::var("FUZZ_INPUTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000)
}

#[test]
fn mutated_and_random_imports_never_panic_and_refusals_change_nothing() {
    let files = seeds();
    let mut rng = Rng(0x00f0_0d5e_ed00_0001);
    let (mut tried, mut sessions_accepted, mut panics) = (0usize, 0usize, Vec::new());

    let bombs = bombs();
    let in_use = Session::from_json(&files[0]).expect("a seed session");
    let in_use_before = in_use.to_json();
    let (mut links_accepted, mut links_refused) = (0usize, 0usize);

    for i in 0..inputs_to_try() {
        // A zip bomb costs an inflation of the whole limit (4 MiB) before its
        // refusal: one input in 200 is one, the rest are quick to refuse.
        let kind = if i % 200 == 199 { 6 } else { rng.below(6) };
        let input = match kind {
            0 | 1 => mutate(&files[rng.below(files.len())], &files, &mut rng),
            2 => {
                let code = Session::from_json(&files[rng.below(files.len())])
                    .map(|s| s.to_share_code())
                    .unwrap_or_default();
                mutate(&code, &files, &mut rng)
            }
            3..=5 => {
                let file = &files[rng.below(files.len())];
                let code = codec::pack(file.as_bytes());
                let compressed = codec::base64url_decode(&code).unwrap_or_default();
                mutate_packed(&compressed, &files, &mut rng)
            }
            _ => {
                let bomb = &bombs[rng.below(bombs.len())];
                match rng.below(3) {
                    0 => format!("2.{}", codec::base64url_encode(bomb)),
                    1 => {
                        let cut = rng.below(bomb.len());
                        format!("2.{}", codec::base64url_encode(&bomb[..cut]))
                    }
                    _ => mutate_packed(bomb, &files, &mut rng),
                }
            }
        };
        tried += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| match kind {
            0 | 1 => {
                if let Ok(session) = Session::from_json(&input) {
                    let again = Session::from_json(&session.to_json())
                        .expect("an accepted session re-imports");
                    assert_eq!(
                        again.to_json(),
                        session.to_json(),
                        "an accepted session round-trips"
                    );
                    return true;
                }
                false
            }
            _ => match Session::from_share_code(&input) {
                Ok(session) => {
                    let again = Session::from_share_code(&session.to_share_code())
                        .expect("an accepted link re-opens");
                    assert_eq!(again.to_json(), session.to_json(), "a link round-trips");
                    true
                }
                Err(_) => {
                    assert_eq!(
                        in_use.to_json(),
                        in_use_before,
                        "a refused link changed the session"
                    );
                    false
                }
            },
        }));
        match outcome {
            Ok(session) => {
                if kind >= 2 {
                    links_accepted += usize::from(session);
                    links_refused += usize::from(!session);
                }
                sessions_accepted += usize::from(session);
            }
            Err(_) => panics.push((i, input)),
        }
    }
    println!(
        "fuzz: {tried} inputs, {sessions_accepted} sessions ({links_accepted} of them links; {links_refused} links refused) accepted, {} panics",
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "{} inputs panicked; the first: #{} {:?}",
        panics.len(),
        panics[0].0,
        panics[0].1
    );
    // The generator must reach both sides, or the test proves little.
    assert!(
        sessions_accepted > 0 && sessions_accepted < tried,
        "{sessions_accepted} of {tried} accepted"
    );
    assert!(
        links_accepted > 0 && links_refused > 0,
        "links: {links_accepted} accepted, {links_refused} refused"
    );
}
