//! The counting binary's own allocator, so that a call's instructions do not depend on where
//! the repository lies.
//!
//! With the system's allocator, the cost of `malloc` and of a `realloc` that grows in place or
//! moves depends on the heap's history: the length of the binary's path and of the vectors'
//! paths changed `dispute.evidence` by 5% between two clones of one commit. Here every block
//! is a power of two from 16 bytes up; a freed block goes onto its size's list and is handed
//! out again from there; new blocks are cut from 64 MiB chunks; a reallocation within its
//! size keeps its block and otherwise copies. Each step costs the same few instructions
//! whatever came before, so the counts depend on the calls alone. Blocks above 16 MiB or
//! aligned beyond a page go to the system's allocator (no counted call asks for one).
// A global allocator is unsafe by definition.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};

/// The smallest block: room for the free list's link, and 16-byte aligned.
const MIN_SHIFT: u32 = 4;
/// Blocks up to 16 MiB come from the size lists.
const MAX_SHIFT: u32 = 24;
const CLASSES: usize = (MAX_SHIFT + 1) as usize;
const CHUNK: usize = 64 << 20;
const PAGE: usize = 4096;

struct Lists {
    /// The first free block of each size (its first word links to the next).
    free: [*mut u8; CLASSES],
    /// The unused part of the current chunk.
    next: usize,
    end: usize,
}

/// Power-of-two size lists behind a spin lock (the counting binary runs on one thread; the
/// lock only keeps the allocator sound if it ever does not).
pub struct SizeLists {
    busy: AtomicBool,
    lists: UnsafeCell<Lists>,
}

// SAFETY: `lists` is only touched while `busy` is held.
unsafe impl Sync for SizeLists {}

impl SizeLists {
    pub const fn new() -> Self {
        Self {
            busy: AtomicBool::new(false),
            lists: UnsafeCell::new(Lists {
                free: [ptr::null_mut(); CLASSES],
                next: 0,
                end: 0,
            }),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Lists) -> T) -> T {
        while self
            .busy
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
        }
        // SAFETY: `busy` is held, so no other reference to `lists` exists.
        let out = f(unsafe { &mut *self.lists.get() });
        self.busy.store(false, Ordering::Release);
        out
    }
}

impl Default for SizeLists {
    fn default() -> Self {
        Self::new()
    }
}

/// The size list of a layout, or `None` when the system's allocator serves it.
fn class(layout: Layout) -> Option<u32> {
    let wanted = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    let shift = wanted.checked_next_power_of_two()?.trailing_zeros();
    (shift <= MAX_SHIFT && layout.align() <= PAGE).then_some(shift)
}

impl Lists {
    /// A block of `1 << shift` bytes, aligned to its size up to a page.
    fn take(&mut self, shift: u32) -> *mut u8 {
        let Some(slot) = self.free.get_mut(shift as usize) else {
            return ptr::null_mut();
        };
        let head = *slot;
        if !head.is_null() {
            // SAFETY: a free block's first word holds the next free block of its size.
            *slot = unsafe { head.cast::<*mut u8>().read() };
            return head;
        }
        let size = 1usize << shift;
        let align = size.min(PAGE);
        let mut start = (self.next + align - 1) & !(align - 1);
        if self.next == 0 || start + size > self.end {
            // SAFETY: CHUNK is non-zero and PAGE a power of two.
            let chunk = unsafe { System.alloc(Layout::from_size_align_unchecked(CHUNK, PAGE)) };
            if chunk.is_null() {
                return chunk;
            }
            start = chunk as usize;
            self.end = start + CHUNK;
        }
        self.next = start + size;
        start as *mut u8
    }

    fn give_back(&mut self, block: *mut u8, shift: u32) {
        // `class` never names a list beyond the last.
        if let Some(slot) = self.free.get_mut(shift as usize) {
            // SAFETY: the block is at least 16 bytes, 16-byte aligned and no longer in use.
            unsafe { block.cast::<*mut u8>().write(*slot) };
            *slot = block;
        }
    }
}

// SAFETY: every block handed out is at least the layout's size and aligned to it (sizes
// are powers of two no smaller than the alignment, cut at multiples of themselves up to a
// page from page-aligned chunks), and a block is handed out again only after it is freed.
unsafe impl GlobalAlloc for SizeLists {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            Some(shift) => self.with(|lists| lists.take(shift)),
            // SAFETY: the caller's contract, passed on.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class(layout) {
            Some(shift) => self.with(|lists| lists.give_back(block, shift)),
            // SAFETY: the block came from `System` with this layout.
            None => unsafe { System.dealloc(block, layout) },
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded to the alignment, fits `isize`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let old = class(layout);
        if old.is_some() && old == class(new_layout) {
            return block;
        }
        // SAFETY: the caller's contract for `new_layout`.
        let moved = unsafe { self.alloc(new_layout) };
        if !moved.is_null() {
            // SAFETY: both blocks are valid for the smaller size and do not overlap.
            unsafe {
                ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
        }
        moved
    }
}
