use std::collections::{HashMap, HashSet};

use super::*;

fn challenge(nonce: &str, stale: bool) -> Challenge {
    Challenge {
        realm: "r".into(),
        nonce: nonce.into(),
        opaque: Some("o".into()),
        algorithm: Algorithm::Md5,
        qop_auth: true,
        stale,
        userhash: false,
    }
}

fn ticket(step: Step) -> Ticket {
    match step {
        Step::Send(ticket) => ticket,
        other => panic!("expected a request, got {other:?}"),
    }
}

/// (role, nonce, nc) of a ticket just handed out.
fn shape(session: &DigestSession, ticket: &Ticket) -> (Role, String, u32) {
    (ticket.role, session.nonce(ticket), ticket.nc)
}

fn is_wait(step: &Step) -> bool {
    matches!(step, Step::Wait)
}

/// A session whose first call fetched `n1` and was accepted with nc 1; `b`, `c` and `d` waited meanwhile.
fn after_first_call() -> (DigestSession, [CallAuth; 4]) {
    let mut session = DigestSession::default();
    let mut calls = [session.begin(); 4];
    let fetch = ticket(session.plan(&calls[0], 0.0));
    assert_eq!(fetch.role, Role::Fetch);
    assert!(is_wait(&session.plan(&calls[1], 0.0)));
    let first = ticket(session.settle(&mut calls[0], fetch, Answer::Challenged(challenge("n1", false)), 1.0));
    assert_eq!(shape(&session, &first), (Role::Next, "n1".into(), 1));
    assert!(first.fresh);
    assert!(is_wait(&session.plan(&calls[1], 1.0)), "one request at a time while the mode is unknown");
    assert!(matches!(session.settle(&mut calls[0], first, Answer::Passed, 2.0), Step::Done));
    (session, calls)
}

/// Continues [`after_first_call`] to the probe: returns the skip's successor (in flight) and the probe.
fn at_the_probe() -> (DigestSession, [CallAuth; 4], Ticket, Ticket) {
    let (mut session, mut calls) = after_first_call();
    let skip = ticket(session.plan(&calls[1], 3.0));
    assert_eq!(shape(&session, &skip), (Role::Skip, "n1".into(), 3));
    assert!(is_wait(&session.plan(&calls[2], 3.0)), "the probe waits until the higher count is accepted");
    assert!(matches!(session.settle(&mut calls[1], skip, Answer::Passed, 4.0), Step::Done));
    let next = ticket(session.plan(&calls[2], 4.0));
    assert_eq!(shape(&session, &next), (Role::Next, "n1".into(), 4));
    let probe = ticket(session.plan(&calls[3], 4.0));
    assert_eq!(shape(&session, &probe), (Role::Probe, "n1".into(), 2));
    (session, calls, next, probe)
}

#[test]
fn a_burst_of_first_calls_costs_one_challenge() {
    let (session, calls, _, _) = at_the_probe();
    assert_eq!(session.mode(), Mode::Unknown);
    assert!(calls.iter().all(|call| call.challenges <= 1));
}

#[test]
fn sequential_calls_count_one_two_three_without_skipping() {
    let mut session = DigestSession::default();
    let mut call = session.begin();
    let fetch = ticket(session.plan(&call, 0.0));
    let mut sent = ticket(session.settle(&mut call, fetch, Answer::Challenged(challenge("n1", false)), 0.0));
    for nc in 1..=5 {
        assert_eq!(shape(&session, &sent), (Role::Next, "n1".into(), nc));
        assert!(matches!(session.settle(&mut call, sent, Answer::Passed, 0.0), Step::Done));
        call = session.begin();
        sent = ticket(session.plan(&call, 0.0));
    }
    assert_eq!(session.mode(), Mode::Unknown);
}

#[test]
fn the_probe_decides_the_mode() {
    // (answer to the probe, mode after it, what the prober does next)
    let cases: [(Answer, Mode, Option<Role>); 3] = [
        (Answer::Passed, Mode::Shared, None),
        // refused: a second challenge, since the first one's only slot is taken by the call in flight
        (Answer::Challenged(challenge("n2", false)), Mode::Ordered, Some(Role::Fetch)),
        // no answer: still unknown, the next queue-up tests again
        (Answer::Lost, Mode::Unknown, None),
    ];
    for (answer, mode, then) in cases {
        let (mut session, mut calls, _next, probe) = at_the_probe();
        let step = session.settle(&mut calls[3], probe, answer.clone(), 5.0);
        assert_eq!(session.mode(), mode, "{answer:?}");
        match then {
            None => assert!(matches!(step, Step::Done), "{answer:?}: {step:?}"),
            Some(role) => assert_eq!(ticket(step).role, role, "{answer:?}"),
        }
    }
}

#[test]
fn shared_mode_signs_every_call_at_once_with_rising_counts() {
    let (mut session, mut calls, next, probe) = at_the_probe();
    assert!(matches!(session.settle(&mut calls[3], probe, Answer::Passed, 5.0), Step::Done));
    let more: Vec<Ticket> = (0..4).map(|_| ticket(session.plan(&session.begin(), 5.0))).collect();
    let counts: Vec<(Role, String, u32)> = more.iter().map(|t| shape(&session, t)).collect();
    let expected: Vec<(Role, String, u32)> = (5..=8).map(|nc| (Role::Next, "n1".to_owned(), nc)).collect();
    assert_eq!(counts, expected);
    assert!(matches!(session.settle(&mut calls[2], next, Answer::Passed, 6.0), Step::Done));
}

#[test]
fn ordered_mode_keeps_one_request_per_challenge_and_at_most_six_challenges() {
    let (mut session, mut calls, next, probe) = at_the_probe();
    let fetch = ticket(session.settle(&mut calls[3], probe, Answer::Challenged(challenge("n2", false)), 5.0));
    assert_eq!(fetch.role, Role::Fetch);
    // lane 0 is busy with `next`; new calls open lanes up to the cap, then wait
    let mut pending = vec![(calls[3], fetch)];
    for _ in 0..MAX_LANES - 2 {
        let call = session.begin();
        let step = session.plan(&call, 5.0);
        pending.push((call, ticket(step)));
    }
    assert!(pending.iter().all(|(_, t)| t.role == Role::Fetch));
    assert!(is_wait(&session.plan(&session.begin(), 5.0)), "no seventh challenge");
    let mut nonces = HashSet::new();
    for (i, (mut call, fetch)) in pending.into_iter().enumerate() {
        let nonce = format!("lane{i}");
        let first = ticket(session.settle(&mut call, fetch, Answer::Challenged(challenge(&nonce, false)), 6.0));
        assert_eq!(shape(&session, &first), (Role::Next, nonce.clone(), 1));
        assert!(first.fresh);
        nonces.insert(nonce);
    }
    assert_eq!(nonces.len(), MAX_LANES - 1);
    // lane 0 took the refusal's challenge: its next count starts at 1 once `next` is back
    assert!(is_wait(&session.plan(&session.begin(), 7.0)));
    assert!(matches!(session.settle(&mut calls[2], next, Answer::Passed, 7.0), Step::Done));
    let reused = ticket(session.plan(&session.begin(), 7.0));
    assert_eq!(shape(&session, &reused), (Role::Next, "n2".into(), 1));
}

#[test]
fn wrong_credentials_fail_the_call_and_the_calls_waiting_for_it() {
    let mut session = DigestSession::default();
    let (mut a, b) = (session.begin(), session.begin());
    let fetch = ticket(session.plan(&a, 0.0));
    assert!(is_wait(&session.plan(&b, 0.0)));
    let signed = ticket(session.settle(&mut a, fetch, Answer::Challenged(challenge("n1", false)), 0.0));
    assert!(matches!(session.settle(&mut a, signed, Answer::Challenged(challenge("n2", false)), 0.0), Step::Rejected));
    assert!(matches!(session.plan(&b, 0.0), Step::Rejected));
    // a call that starts afterwards tries again from the start
    assert_eq!(ticket(session.plan(&session.begin(), 0.0)).role, Role::Fetch);
}

/// A session in shared mode on nonce `n1`, adopted at time 0.
fn shared() -> DigestSession {
    let (mut session, mut calls, next, probe) = at_the_probe();
    assert!(matches!(session.settle(&mut calls[3], probe, Answer::Passed, 0.0), Step::Done));
    assert!(matches!(session.settle(&mut calls[2], next, Answer::Passed, 0.0), Step::Done));
    session.lanes[0].adopted_ms = 0.0;
    session
}

#[test]
fn a_refused_count_is_answered_once_then_the_credentials_are_blamed() {
    let mut session = shared();
    let mut call = session.begin();
    let sent = ticket(session.plan(&call, 1.0));
    let again = ticket(session.settle(&mut call, sent, Answer::Challenged(challenge("n2", false)), 1.0));
    assert_eq!(shape(&session, &again), (Role::Next, "n2".into(), 1));
    assert!(matches!(
        session.settle(&mut call, again, Answer::Challenged(challenge("n3", false)), 1.0),
        Step::Rejected
    ));
}

#[test]
fn stale_answers_renew_the_nonce_once() {
    let mut session = shared();
    let (mut a, mut b) = (session.begin(), session.begin());
    let (ta, tb) = (ticket(session.plan(&a, 1.0)), ticket(session.plan(&b, 1.0)));
    let ra = ticket(session.settle(&mut a, ta, Answer::Challenged(challenge("n2", true)), 2.0));
    let rb = ticket(session.settle(&mut b, tb, Answer::Challenged(challenge("n3", true)), 2.0));
    assert_eq!(
        [shape(&session, &ra), shape(&session, &rb)],
        [(Role::Next, "n2".into(), 1), (Role::Next, "n2".into(), 2)]
    );
}

#[test]
fn a_burst_after_the_learned_lifetime_renews_once() {
    let mut session = shared();
    let mut a = session.begin();
    let early = ticket(session.plan(&a, 100.0));
    assert!(matches!(session.settle(&mut a, early, Answer::Passed, 101.0), Step::Done));
    let late = ticket(session.plan(&a, 2600.0));
    let renewed = ticket(session.settle(&mut a, late, Answer::Challenged(challenge("n2", true)), 2601.0));
    assert!(matches!(session.settle(&mut a, renewed, Answer::Passed, 2602.0), Step::Done));
    assert_eq!(session.lifetime, Lifetime { valid_ms: 100.0, stale_ms: Some(2600.0) });
    // past the midpoint of what is known: one call tries the old nonce, the others wait for its answer
    let (mut b, c) = (session.begin(), session.begin());
    let renewal = ticket(session.plan(&b, 2601.0 + 1400.0));
    assert_eq!(shape(&session, &renewal), (Role::Renewal, "n2".into(), 2));
    assert!(is_wait(&session.plan(&c, 4001.0)));
    let retried = ticket(session.settle(&mut b, renewal, Answer::Challenged(challenge("n3", true)), 4002.0));
    assert_eq!(shape(&session, &retried), (Role::Next, "n3".into(), 1));
    let mut c = c;
    let waited = ticket(session.plan(&c, 4002.0));
    assert_eq!(shape(&session, &waited), (Role::Next, "n3".into(), 2));
    assert!(matches!(session.settle(&mut b, retried, Answer::Passed, 4003.0), Step::Done));
    assert!(matches!(session.settle(&mut c, waited, Answer::Passed, 4003.0), Step::Done));
    assert_eq!(session.lifetime, Lifetime { valid_ms: 100.0, stale_ms: Some(1400.0) });
}

#[test]
fn lifetime_bounds_table() {
    // (answers as (age, stale?), age asked about, presumed expired?)
    let cases: &[(&[(f64, bool)], f64, bool)] = &[
        (&[], 1e9, false),
        (&[(100.0, false), (2600.0, true)], 1349.0, false),
        (&[(100.0, false), (2600.0, true)], 1350.0, true),
        // a renewal the server accepted raises the lower bound
        (&[(100.0, false), (2600.0, true), (1500.0, false)], 1600.0, false),
        (&[(100.0, false), (2600.0, true), (1500.0, false)], 2050.0, true),
        // accepted older than the stale bound: the lifetime changed, nothing is presumed
        (&[(2600.0, true), (3000.0, false)], 1e9, false),
        // stale younger than every accepted age: only the new bound counts
        (&[(3000.0, false), (1000.0, true)], 500.0, true),
    ];
    for (answers, age, expired) in cases {
        let mut lifetime = Lifetime::default();
        for (at, stale) in *answers {
            if *stale {
                lifetime.stale_at(*at);
            } else {
                lifetime.valid_at(*at);
            }
        }
        assert_eq!(lifetime.presumed_expired(*age), *expired, "{answers:?} at {age}");
    }
}

#[test]
fn one_call_takes_a_bounded_number_of_challenges() {
    let mut session = DigestSession::default();
    let mut call = session.begin();
    let mut step = session.plan(&call, 0.0);
    let mut answered = 0;
    while let Step::Send(sent) = step {
        answered += 1;
        step = session.settle(&mut call, sent, Answer::Challenged(challenge(&format!("n{answered}"), true)), 0.0);
    }
    assert!(matches!(step, Step::GiveUp));
    assert_eq!(answered, usize::from(MAX_CHALLENGES) + 1);
}

#[test]
fn exhausted_counts_drop_the_challenge() {
    let mut session = shared();
    session.lanes[0].nc = u32::MAX;
    assert_eq!(ticket(session.plan(&session.begin(), 1.0)).role, Role::Fetch);
}

/// A server that issues nonces and checks counts per nonce: `strict` refuses a count not above the highest seen
/// (like Apache's `AuthDigestNcCheck On`), otherwise only a count seen before.
struct ModelServer {
    strict: bool,
    issued: u32,
    seen: HashMap<String, (u32, HashSet<u32>)>,
    requests: usize,
    challenges: usize,
}

impl ModelServer {
    /// Answers a request signed with `nonce` (empty: unsigned) and count `nc`.
    fn answer(&mut self, nonce: &str, nc: u32) -> Answer {
        self.requests += 1;
        let accepted = !nonce.is_empty() && {
            let (highest, used) = self.seen.entry(nonce.to_owned()).or_default();
            let fine = if self.strict { nc > *highest } else { !used.contains(&nc) };
            *highest = (*highest).max(nc);
            used.insert(nc);
            fine
        };
        if accepted {
            return Answer::Passed;
        }
        self.challenges += 1;
        self.issued += 1;
        Answer::Challenged(challenge(&format!("s{}", self.issued), false))
    }
}

/// Tiny deterministic generator for delivery order.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Runs `calls` concurrent calls (in waves of `wave`) against a model server, delivering answers in random order.
/// Returns (requests, 401s, final mode). Panics if a call fails or a count is reused on a nonce.
fn simulate(strict: bool, calls: usize, wave: usize, seed: u64) -> (usize, usize, Mode) {
    let mut server = ModelServer { strict, issued: 0, seen: HashMap::new(), requests: 0, challenges: 0 };
    let mut session = DigestSession::default();
    let mut rng = Rng(seed);
    let mut used = HashSet::new();
    let mut started = 0;
    let mut waiting: Vec<CallAuth> = Vec::new();
    // (call, ticket, nonce it signs with)
    let mut in_flight: Vec<(CallAuth, Ticket, String)> = Vec::new();
    let mut done = 0;
    while done < calls {
        if in_flight.is_empty() && waiting.is_empty() {
            for _ in 0..wave.min(calls - started) {
                waiting.push(session.begin());
                started += 1;
            }
        }
        // every waiting call plans again (as after a wake-up), in order
        for call in std::mem::take(&mut waiting) {
            match session.plan(&call, 0.0) {
                Step::Send(ticket) => in_flight.push((call, ticket, session.nonce(&ticket))),
                Step::Wait => waiting.push(call),
                other => panic!("a call failed: {other:?}"),
            }
        }
        assert!(!in_flight.is_empty(), "every call waits: a deadlock");
        let (mut call, sent, nonce) = in_flight.swap_remove(rng.below(in_flight.len()));
        if sent.role != Role::Fetch {
            assert!(used.insert((nonce.clone(), sent.nc)), "count {} reused on {nonce}", sent.nc);
        }
        if session.mode() == Mode::Ordered && sent.role != Role::Fetch {
            let same = in_flight.iter().filter(|(_, t, n)| *n == nonce && t.role != Role::Probe);
            assert_eq!(same.count(), 0, "two requests in flight on one challenge in ordered mode");
        }
        let answer = server.answer(&nonce, sent.nc);
        match session.settle(&mut call, sent, answer, 0.0) {
            Step::Done => done += 1,
            Step::Send(ticket) => in_flight.push((call, ticket, session.nonce(&ticket))),
            Step::Wait => waiting.push(call),
            other => panic!("a call failed: {other:?}"),
        }
    }
    (server.requests, server.challenges, session.mode())
}

#[test]
fn model_servers_see_no_failed_call_and_few_extra_requests() {
    for seed in 1..=20 {
        // (strict, calls, wave, most requests, most 401s, mode)
        let cases = [
            (false, 20, 1, 21, 1, Mode::Unknown),
            (false, 20, 20, 21, 1, Mode::Shared),
            (false, 50, 50, 51, 1, Mode::Shared),
            (true, 20, 1, 21, 1, Mode::Unknown),
            (true, 20, 20, 20 + 2 + MAX_LANES - 1, 2 + MAX_LANES - 1, Mode::Ordered),
            (true, 50, 50, 50 + 2 + MAX_LANES - 1, 2 + MAX_LANES - 1, Mode::Ordered),
            (true, 100, 50, 100 + 2 + MAX_LANES - 1, 2 + MAX_LANES - 1, Mode::Ordered),
        ];
        for (strict, calls, wave, most_requests, most_challenges, mode) in cases {
            let (requests, challenges, got) = simulate(strict, calls, wave, seed);
            let label = format!("strict={strict} calls={calls} wave={wave} seed={seed}");
            assert!(requests <= most_requests, "{label}: {requests} requests");
            assert!(challenges <= most_challenges, "{label}: {challenges} 401s");
            assert_eq!(got, mode, "{label}");
        }
    }
}
