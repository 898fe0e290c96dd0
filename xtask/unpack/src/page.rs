//! The wasm's interface to the page: `input(length)` gives the address
//! where the page writes the packed bytes; `start(address, length)` begins
//! decoding them, `step(decoder)` decodes the next 64 KiB until it returns
//! 1 (or -1 if the bytes are damaged), and `finish(decoder)` rebuilds the
//! module and gives its address (0 if it is damaged), `unpacked_length()`
//! its length. Steps let the engine swap in its optimized code for `step`
//! after the first few calls.
//!
//! Memory comes from a bump allocator that grows the wasm memory and never
//! frees: the page unpacks once and drops the module.

use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicUsize, Ordering};

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::lzma::Decoder;

const PAGE_BYTES: usize = 65_536;

/// Hands out memory from the end of what is allocated, growing the wasm
/// memory as needed.
struct Bump {
    next: AtomicUsize,
    end: AtomicUsize,
}

#[global_allocator]
static ALLOCATOR: Bump = Bump { next: AtomicUsize::new(0), end: AtomicUsize::new(0) };

unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut start = self.next.load(Ordering::Relaxed).next_multiple_of(layout.align());
        let mut end = self.end.load(Ordering::Relaxed);
        if start + layout.size() > end {
            let pages = (layout.size() + layout.align()).div_ceil(PAGE_BYTES);
            let first_new_page = core::arch::wasm32::memory_grow(0, pages);
            if first_new_page == usize::MAX {
                return core::ptr::null_mut();
            }
            // Grown memory follows the old end only if nothing else grew it.
            if first_new_page * PAGE_BYTES != end {
                start = (first_new_page * PAGE_BYTES).next_multiple_of(layout.align());
            }
            end = (first_new_page + pages) * PAGE_BYTES;
        }
        self.next.store(start + layout.size(), Ordering::Relaxed);
        self.end.store(end, Ordering::Relaxed);
        start as *mut u8
    }

    unsafe fn dealloc(&self, _at: *mut u8, _layout: Layout) {}
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// The length of what the last successful [`finish`] returned.
static UNPACKED_LENGTH: AtomicUsize = AtomicUsize::new(0);

/// Room for `length` packed bytes, for the page to fill.
#[no_mangle]
pub extern "C" fn input(length: usize) -> *mut u8 {
    let mut room = Vec::<u8>::with_capacity(length);
    let at = room.as_mut_ptr();
    core::mem::forget(room);
    at
}

/// How much each [`step`] decodes.
const STEP_BYTES: usize = 64 * 1024;

/// Begins decoding the `length` bytes at `at` (written where [`input`]
/// said); returns the decoder for [`step`] and [`finish`], or null if their
/// header is damaged.
///
/// # Safety
/// `at` and `length` must be what [`input`] gave and was asked for.
#[no_mangle]
pub unsafe extern "C" fn start(at: *const u8, length: usize) -> *mut Decoder<'static> {
    let packed = unsafe { core::slice::from_raw_parts(at, length) };
    match Decoder::new(packed) {
        Ok(decoder) => Box::into_raw(Box::new(decoder)),
        Err(_) => core::ptr::null_mut(),
    }
}

/// Decodes the next [`STEP_BYTES`]: 0 if there is more, 1 when done, -1 if
/// the bytes are damaged.
///
/// # Safety
/// `decoder` must be what [`start`] returned, not yet given to [`finish`].
#[no_mangle]
pub unsafe extern "C" fn step(decoder: *mut Decoder<'static>) -> i32 {
    match unsafe { &mut *decoder }.step(STEP_BYTES) {
        Ok(false) => 0,
        Ok(true) => 1,
        Err(_) => -1,
    }
}

/// Puts the decoded streams back into a module and returns where it is,
/// or null if they are damaged.
///
/// # Safety
/// `decoder` must be what [`start`] returned, and is used up.
#[no_mangle]
pub unsafe extern "C" fn finish(decoder: *mut Decoder<'static>) -> *const u8 {
    let decoder = unsafe { Box::from_raw(decoder) };
    match decoder.finish().and_then(|split| crate::unsplit::unsplit(&split)) {
        Ok(module) => {
            UNPACKED_LENGTH.store(module.len(), Ordering::Relaxed);
            let at = module.as_ptr();
            core::mem::forget(module);
            at
        }
        Err(_) => core::ptr::null(),
    }
}

/// The length of the module the last [`finish`] returned.
#[no_mangle]
pub extern "C" fn unpacked_length() -> usize {
    UNPACKED_LENGTH.load(Ordering::Relaxed)
}
