//! Waking the calls of one client that wait on its Digest session (see `session.rs`). WebAssembly runs one thread,
//! so a counter and a list of wakers is all it takes: no lock, no channel crate.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// Counts changes of the session; tasks wait for the count to move.
#[derive(Default)]
pub struct Notify {
    epoch: Cell<u64>,
    wakers: RefCell<Vec<Waker>>,
}

impl Notify {
    /// The current count: read it before deciding to wait.
    pub fn epoch(&self) -> u64 {
        self.epoch.get()
    }

    /// Moves the count on and wakes every waiting task.
    pub fn notify_all(&self) {
        self.epoch.set(self.epoch.get().wrapping_add(1));
        let wakers = self.wakers.take();
        for waker in wakers {
            waker.wake();
        }
    }

    /// Completes once the count differs from `seen`.
    pub fn changed(&self, seen: u64) -> Changed<'_> {
        Changed { notify: self, seen }
    }
}

/// See [`Notify::changed`].
pub struct Changed<'a> {
    notify: &'a Notify,
    seen: u64,
}

impl Future for Changed<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.notify.epoch.get() != self.seen {
            return Poll::Ready(());
        }
        self.notify.wakers.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}

/// While alive, an abort of `signal` wakes the waiting tasks, so an aborted call stops waiting at once.
#[cfg(target_arch = "wasm32")]
pub struct WakeOnAbort {
    listener: Option<(web_sys::AbortSignal, wasm_bindgen::closure::Closure<dyn FnMut()>)>,
}

#[cfg(target_arch = "wasm32")]
impl WakeOnAbort {
    pub fn new(signal: Option<&web_sys::AbortSignal>, notify: &std::rc::Rc<Notify>) -> Self {
        use wasm_bindgen::JsCast;
        let listener = signal.map(|signal| {
            let notify = notify.clone();
            let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || notify.notify_all());
            let _ = signal.add_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
            (signal.clone(), closure)
        });
        Self { listener }
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for WakeOnAbort {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let Some((signal, closure)) = &self.listener {
            let _ = signal.remove_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiter_completes_only_after_a_change() {
        let notify = Notify::default();
        let mut waiting = std::pin::pin!(notify.changed(notify.epoch()));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(waiting.as_mut().poll(&mut cx).is_pending());
        assert!(waiting.as_mut().poll(&mut cx).is_pending());
        notify.notify_all();
        assert!(waiting.as_mut().poll(&mut cx).is_ready());
        assert!(notify.wakers.borrow().is_empty());
        // a wait that starts from an older count is already over
        assert!(std::pin::pin!(notify.changed(0)).poll(&mut cx).is_ready());
    }
}
