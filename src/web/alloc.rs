//! The web module's memory allocator: blocks in power-of-two size classes, each class with its
//! own free list, carved from memory the module grows page by page.
//!
//! Rust's default allocator for the web (dlmalloc) weighs about 7 KB of code; this one about
//! half a kilobyte, and allocates and frees in a few instructions. The price is memory: a
//! block of n bytes takes the next power of two (at least 16), and a freed block only ever
//! serves its own class again. A page's growing vectors double their capacity anyway, so the
//! classes fit them.
//!
//! A block of 2ᵏ bytes is aligned to 2ᵏ (to a page, 64 KiB, beyond that), so it suits any
//! alignment up to its size and a page; a layout's alignment is counted into its size, and a
//! larger alignment is refused. The module runs on one thread, so no lock is needed.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// A page of WebAssembly memory.
const PAGE: usize = 65536;
/// The fewest pages memory grows by at once.
const GROW: usize = 16;

struct Heap {
    /// The first free block of each class 2ᵏ; a free block holds the address of the next.
    free: [*mut u8; usize::BITS as usize],
    /// Where fresh blocks are carved, up to `end`.
    next: usize,
    end: usize,
}

/// The allocator (see the module's documentation).
pub struct Classes(UnsafeCell<Heap>);

// The web module has one thread.
unsafe impl Sync for Classes {}

#[global_allocator]
static HEAP: Classes = Classes(UnsafeCell::new(Heap {
    free: [null_mut(); usize::BITS as usize],
    next: 0,
    end: 0,
}));

/// The class k of a layout: its block has 2ᵏ bytes, at least 16 and at least its alignment.
/// None for an alignment beyond a page, which no block can promise (allocation then fails).
fn class(layout: Layout) -> Option<usize> {
    if layout.align() > PAGE {
        return None;
    }
    let size = layout.size().max(layout.align()).max(16);
    Some(size.checked_next_power_of_two()?.trailing_zeros() as usize)
}

impl Heap {
    /// A fresh block of class `k`, carved from the end, growing memory when needed.
    fn carve(&mut self, k: usize) -> *mut u8 {
        let size = 1usize << k;
        let align = size.min(PAGE);
        loop {
            let start = (self.next + align - 1) & !(align - 1);
            if let Some(end) = start.checked_add(size) {
                if start >= self.next && end <= self.end {
                    self.next = end;
                    return start as *mut u8;
                }
            }
            // Enough for the block and its alignment, whether or not the new pages follow
            // the old ones.
            let pages = (size / PAGE + 1).max(GROW);
            let old = core::arch::wasm32::memory_grow::<0>(pages);
            if old == usize::MAX {
                return null_mut();
            }
            // (Past 4 GiB the end cannot be written: out of memory.)
            let Some(end) = (old + pages).checked_mul(PAGE) else {
                return null_mut();
            };
            if old * PAGE != self.end {
                self.next = old * PAGE;
            }
            self.end = end;
        }
    }
}

unsafe impl GlobalAlloc for Classes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(k) = class(layout) else {
            return null_mut();
        };
        // SAFETY: one thread, and no allocation happens while the heap is borrowed.
        let heap = unsafe { &mut *self.0.get() };
        let head = heap.free[k];
        if head.is_null() {
            return heap.carve(k);
        }
        // SAFETY: a free block of class k starts with the address of the next one.
        heap.free[k] = unsafe { *(head as *mut *mut u8) };
        head
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(k) = class(layout) else { return };
        // SAFETY: as in `alloc`; `ptr` is a block of class k, at least 16 bytes, aligned.
        let heap = unsafe { &mut *self.0.get() };
        unsafe { *(ptr as *mut *mut u8) = heap.free[k] };
        heap.free[k] = ptr;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        if class(new) == class(layout) {
            return ptr;
        }
        // SAFETY: as GlobalAlloc's default: a new block, the bytes both hold, the old freed.
        unsafe {
            let to = self.alloc(new);
            if !to.is_null() {
                std::ptr::copy_nonoverlapping(ptr, to, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            to
        }
    }
}
