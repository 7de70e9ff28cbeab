//! The heap on wasm32: the allocator the standard library uses there
//! (dlmalloc), with one change: the wasm memory grows by large steps.
//!
//! The standard library's dlmalloc asks the page for just the pages an
//! allocation lacks, so a log of a few hundred thousand events grows the
//! memory about two thousand times, 64 KiB at a time. Each `memory.grow` is
//! a call into the browser (Chromium replaces the memory's `ArrayBuffer` on
//! every one), and measured in headless Chromium those calls took over a
//! third of the time of a benchmark's first run. Here each growth adds at
//! least half of the memory there is (and at least 1 MiB), as a `Vec`
//! doubles its capacity: a few dozen growths in all. Pages grown but not
//! used yet cost no physical memory. When the large step cannot be had (the
//! memory is near its 4 GiB limit), only the pages needed are asked for.
//!
//! The wasm32 target without the `atomics` feature runs one thread, so the
//! allocator needs no lock; a build with threads fails to compile.

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32;
use std::cell::UnsafeCell;
use std::ptr;

use dlmalloc::{Allocator, Dlmalloc};

#[cfg(target_feature = "atomics")]
compile_error!("the wasm heap has no lock: build without the atomics feature");

/// A wasm page.
const PAGE: usize = 64 * 1024;
/// The smallest growth, in pages (1 MiB).
const MIN_STEP_PAGES: usize = 16;

/// Pages to ask for when `needed` are missing and the memory has
/// `current` pages: at least half of what there is, and at least 1 MiB.
fn growth_pages(needed: usize, current: usize) -> usize {
    needed.max(current / 2).max(MIN_STEP_PAGES)
}

/// The source of fresh memory for dlmalloc: `memory.grow` in large steps.
struct GrowingMemory;

// SAFETY: `alloc` hands out only pages that `memory.grow` just added, which
// nothing else uses; the other methods never claim to release or move
// memory (wasm memory cannot shrink), as dlmalloc's own wasm backend does.
unsafe impl Allocator for GrowingMemory {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        let needed = size.div_ceil(PAGE);
        let wanted = growth_pages(needed, wasm32::memory_size(0));
        for pages in [wanted, needed] {
            let previous = wasm32::memory_grow(0, pages);
            if previous == usize::MAX {
                continue;
            }
            let start = previous * PAGE;
            let length = pages * PAGE;
            // A region ending at the very top of the 32-bit address space
            // would make a pointer wrap to 0: keep its last bytes unused (as
            // dlmalloc's own wasm backend does).
            let usable = if start.wrapping_add(length) == 0 {
                length - 16
            } else {
                length
            };
            return (start as *mut u8, usable, 0);
        }
        (ptr::null_mut(), 0, 0)
    }

    fn remap(&self, _ptr: *mut u8, _old: usize, _new: usize, _can_move: bool) -> *mut u8 {
        ptr::null_mut()
    }

    fn free_part(&self, _ptr: *mut u8, _old: usize, _new: usize) -> bool {
        false
    }

    fn free(&self, _ptr: *mut u8, _size: usize) -> bool {
        false
    }

    fn can_release_part(&self, _flags: u32) -> bool {
        false
    }

    fn allocates_zeros(&self) -> bool {
        true
    }

    fn page_size(&self) -> usize {
        PAGE
    }
}

/// The global allocator: dlmalloc over [`GrowingMemory`].
struct Heap(UnsafeCell<Dlmalloc<GrowingMemory>>);

// SAFETY: wasm32 without the `atomics` feature (refused above) has a single
// thread, so the allocator is never used from two threads at once; and
// dlmalloc never allocates itself, so no call re-enters another.
unsafe impl Sync for Heap {}

// SAFETY: every method forwards to dlmalloc, which upholds the
// `GlobalAlloc` contract, with the layout the caller gave.
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: exclusive access, see `impl Sync`.
        unsafe { (*self.0.get()).malloc(layout.size(), layout.align()) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: exclusive access, see `impl Sync`.
        unsafe { (*self.0.get()).calloc(layout.size(), layout.align()) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: exclusive access, see `impl Sync`; `ptr` came from this
        // allocator with `layout` (the caller's promise).
        unsafe { (*self.0.get()).free(ptr, layout.size(), layout.align()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`.
        unsafe { (*self.0.get()).realloc(ptr, layout.size(), layout.align(), new_size) }
    }
}

#[global_allocator]
static HEAP: Heap = Heap(UnsafeCell::new(Dlmalloc::new_with_allocator(GrowingMemory)));
