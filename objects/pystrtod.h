/*
 * pystrtod.h -- conversions between doubles and decimal strings that do
 * not depend on the C library's choices: shortest round-trip repr,
 * correctly rounded fixed/exponent/general formatting, and CPython's
 * float() syntax.
 */
#ifndef MP_PYSTRTOD_H
#define MP_PYSTRTOD_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* Flags of mp_os_double_to_string (CPython's Py_DTSF_*). */
#define MP_DTSF_SIGN      0x01  /* always write a sign */
#define MP_DTSF_ADD_DOT_0 0x02  /* "1.0" rather than "1" */
#define MP_DTSF_ALT       0x04  /* '#': keep the point and zeros */
#define MP_DTSF_NO_NEG_0  0x08  /* 'z': a result rounding to -0 is 0 */

/* What the string holds (*type of mp_os_double_to_string). */
#define MP_DTST_FINITE   0
#define MP_DTST_INFINITE 1
#define MP_DTST_NAN      2

/* Format 'val' as CPython's PyOS_double_to_string: format_code is one of
 * 'e' 'E' 'f' 'F' 'g' 'G' (with 'precision') or 'r' (shortest repr,
 * precision ignored).  Returns a NUL-terminated string from MpMem_Malloc
 * that the caller frees with MpMem_Free (with room for at least two more
 * bytes after the NUL's position), or NULL with MemoryError.
 * 'type' (may be NULL) receives MP_DTST_*. */
char *mp_os_double_to_string(double val, char format_code, int precision,
                             int flags, int *type);

/* The shortest decimal digits that read back as the finite, positive
 * 'v': writes them NUL-terminated into digits (at least 18 bytes) and the
 * position of the decimal point into *decpt (v = 0.DIGITS * 10**decpt).
 * Returns the number of digits. */
int mp_dtoa_shortest(double v, char *digits, int *decpt);

/* Parse the ASCII text s[0..n) as float() does (whitespace around, sign,
 * digits with single '_' between digits, optional point and exponent,
 * inf/infinity/nan in any case).  0 and *result on success; -1 (no
 * exception set) when the text is not a float literal; -2 with MemoryError
 * set when a long text could not be copied. */
int mp_os_string_to_double(const char *s, Mp_ssize_t n, double *result);

/* float.hex(): "0x1.8000000000000p+0", "-0x0.0p+0", "inf", "nan" into
 * buf (at least 32 bytes). */
void mp_os_double_to_hex(double v, char *buf, size_t bufsize);

/* float.fromhex() syntax: whitespace, sign, optional 0x, hexadecimal
 * digits with an optional point, optional p[sign]exponent; or
 * inf/infinity/nan.  0 and *result on success; -1 (no exception) when
 * malformed; -2 with MemoryError set; -3 (no exception) when the value
 * overflows. */
int mp_os_hex_to_double(const char *s, Mp_ssize_t n, double *result);

#endif /* MP_PYSTRTOD_H */
