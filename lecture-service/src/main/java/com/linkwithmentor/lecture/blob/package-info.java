/** Stand-in for the storage module's BlobStore until it lands on main (same method names). */
@NullMarked
package com.linkwithmentor.lecture.blob;

import org.jspecify.annotations.NullMarked;
