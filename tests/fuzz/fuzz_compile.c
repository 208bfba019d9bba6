/*
 * fuzz_compile.c -- libFuzzer target: arbitrary bytes through the source
 * checks, tokenizer, parser, symbol table and compiler (nothing runs).
 *
 * Any input must end in a code object or an exception (SyntaxError,
 * RecursionError, MemoryError ...), never a crash; built with ASan and
 * UBSan (make fuzz), and with MINIPYMALLOC=malloc so that every object is
 * a malloc block the sanitizers watch.  Each input must leave the number
 * of live objects as it found it.  Seeds: tests/programs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "include/internal/mp_core.h"
#include "runtime/pythonrun.h"

static MpObject *filename;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("MINIPYMALLOC", "malloc", 0);
    if (Mp_Initialize() < 0)
        abort();
    filename = MpUnicode_FromString("<fuzz>");
    if (filename == NULL)
        abort();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Mp_ssize_t live = Mp_GetLiveObjects();
    MpCodeObject *co = mp_run_compile((const char *)data, size, filename, 0,
                                      MP_PARSE_FILE, NULL);

    if (co == NULL) {
        if (MpErr_Occurred() == NULL) {
            fprintf(stderr, "fuzz_compile: NULL without an exception\n");
            abort();
        }
        MpErr_Clear();
    }
    Mp_XDECREF(co);
    if (Mp_GetLiveObjects() != live) {
        fprintf(stderr, "fuzz_compile: %zd object(s) leaked\n",
                (ssize_t)(Mp_GetLiveObjects() - live));
        abort();
    }
    return 0;
}
