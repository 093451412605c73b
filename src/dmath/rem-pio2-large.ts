/**
 * Payne-Hanek reduction of huge arguments modulo pi/2 (fdlibm's __kernel_rem_pio2,
 * specialised to double precision). Used for |x| >= 2^20 * pi/2, where Cody-Waite with a
 * three-part pi/2 no longer leaves enough correct bits.
 *
 * The method multiplies x by just the bits of 2/pi that can influence the fraction
 * (and the last three bits of the integer part) of x*2/pi, in 24-bit chunks held in
 * doubles so that every partial product and sum is exact.
 *
 * fdlibm notice: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */

import { fromWords, highWord, lowWord, scalbn } from './bits.js';

/**
 * Bits of 2/pi after the binary point, 24 per entry: entry i holds bits 24i..24i+23.
 * 66 entries (1584 bits) cover every double exponent. Exported for the test that
 * recomputes them from pi.
 */
export const IPIO2 = new Int32Array([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163,
  0xabdebb, 0xc561b7, 0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129,
  0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c,
  0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf,
  0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292,
  0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3,
  0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca,
  0x73a8c9, 0x60e27b, 0xc08c6b,
]);

/** pi/2 cut into 24-bit pieces: PIO2[i] holds bits 24i..24i+23 of pi/2. */
export const PIO2 = new Float64Array([
  1.57079625129699707031e0 /* 0x3FF921FB, 0x40000000 */,
  7.54978941586159635335e-8 /* 0x3E74442D, 0x00000000 */,
  5.39030252995776476554e-15 /* 0x3CF84698, 0x80000000 */,
  3.28200341580791294123e-22 /* 0x3B78CC51, 0x60000000 */,
  1.27065575308067607349e-29 /* 0x39F01B83, 0x80000000 */,
  1.22933308981111328932e-36 /* 0x387A2520, 0x40000000 */,
  2.73370053816464559624e-44 /* 0x36E38222, 0x80000000 */,
  2.16741683877804819444e-51 /* 0x3569F31D, 0x00000000 */,
]);

const TWO24 = 1.67772160000000000000e7; /* 0x41700000, 0x00000000 */
const TWON24 = 5.96046447753906250000e-8; /* 0x3E700000, 0x00000000 */
const JK = 4; // terms of 2/pi beyond the minimum: 2 extra guard chunks for double

// Scratch space, reused so that the reduction never allocates.
const tx = new Float64Array(3);
const f = new Float64Array(20);
const q = new Float64Array(20);
const fq = new Float64Array(20);
const iq = new Int32Array(20);

/**
 * Reduce a finite x with |x| >= 2^20*pi/2: writes y[0] + y[1] = x - n*pi/2 (|y| <= pi/4)
 * and returns n mod 8 (negated for negative x, as fdlibm does).
 */
export function remPio2Large(x: number, y: Float64Array): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  // Split |x| = 2^e0 * (tx[0] + tx[1]*2^-24 + tx[2]*2^-48) with 24-bit integer pieces.
  const e0 = (ix >> 20) - 1046;
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  tx[0] = z | 0;
  z = (z - tx[0]) * TWO24;
  tx[1] = z | 0;
  z = (z - tx[1]) * TWO24;
  tx[2] = z;
  let nx = 3;
  while (tx[nx - 1] === 0) nx--;
  const n = kernel(e0, nx);
  if (hx < 0) {
    y[0] = -y0;
    y[1] = -y1;
    return -n;
  }
  y[0] = y0;
  y[1] = y1;
  return n;
}

let y0 = 0;
let y1 = 0;

function kernel(e0: number, nx: number): number {
  const jx = nx - 1;
  // jv: first chunk of 2/pi whose product with x is not a multiple of 8.
  let jv = ((e0 - 3) / 24) | 0;
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);

  let j = jv - jx;
  const m = jx + JK;
  for (let i = 0; i <= m; i++, j++) f[i] = j < 0 ? 0 : IPIO2[j];
  for (let i = 0; i <= JK; i++) {
    let fw = 0;
    for (j = 0; j <= jx; j++) fw += tx[j] * f[jx + i - j];
    q[i] = fw;
  }

  let jz = JK;
  let z = 0;
  let n = 0;
  let ih = 0;
  for (;;) {
    // Distill q[] into 24-bit integers iq[], most significant last.
    let i = 0;
    z = q[jz];
    for (j = jz; j > 0; i++, j--) {
      const fw = (TWON24 * z) | 0;
      iq[i] = (z - TWO24 * fw) | 0;
      z = q[j - 1] + fw;
    }

    // Integer part mod 8 and fraction.
    z = scalbn(z, q0);
    z -= 8 * Math.floor(z * 0.125);
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) {
      const top = iq[jz - 1] >> (24 - q0);
      n += top;
      iq[jz - 1] = iq[jz - 1] - (top << (24 - q0));
      ih = iq[jz - 1] >> (23 - q0);
    } else if (q0 === 0) {
      ih = iq[jz - 1] >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }

    if (ih > 0) {
      // Fraction >= 0.5: use 1 - fraction and round n up; the result changes sign.
      n += 1;
      let carry = 0;
      for (i = 0; i < jz; i++) {
        const w = iq[i];
        if (carry === 0) {
          if (w !== 0) {
            carry = 1;
            iq[i] = 0x1000000 - w;
          }
        } else {
          iq[i] = 0xffffff - w;
        }
      }
      if (q0 === 1) iq[jz - 1] = iq[jz - 1] & 0x7fffff;
      else if (q0 === 2) iq[jz - 1] = iq[jz - 1] & 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= scalbn(1, q0);
      }
    }

    // If the fraction so far cancelled to zero, bring in more chunks of 2/pi.
    if (z === 0) {
      let any = 0;
      for (i = jz - 1; i >= JK; i--) any |= iq[i];
      if (any === 0) {
        let k = 1;
        while (iq[JK - k] === 0) k++;
        for (i = jz + 1; i <= jz + k; i++) {
          f[jx + i] = IPIO2[jv + i];
          let fw = 0;
          for (j = 0; j <= jx; j++) fw += tx[j] * f[jx + i - j];
          q[i] = fw;
        }
        jz += k;
        continue;
      }
    }
    break;
  }

  // Chop off zero terms, or split the leftover z into 24-bit pieces.
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (iq[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = scalbn(z, -q0);
    if (z >= TWO24) {
      const fw = (TWON24 * z) | 0;
      iq[jz] = (z - TWO24 * fw) | 0;
      jz += 1;
      q0 += 24;
      iq[jz] = fw;
    } else {
      iq[jz] = z | 0;
    }
  }

  // Fraction back to floating point, then times pi/2.
  let fw = scalbn(1, q0);
  for (let i = jz; i >= 0; i--) {
    q[i] = fw * iq[i];
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= JK && k <= jz - i; k++) fw += PIO2[k] * q[i + k];
    fq[jz - i] = fw;
  }

  // Compress fq[] into y0 + y1.
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += fq[i];
  y0 = ih === 0 ? fw : -fw;
  fw = fq[0] - fw;
  for (let i = 1; i <= jz; i++) fw += fq[i];
  y1 = ih === 0 ? fw : -fw;
  return n & 7;
}
