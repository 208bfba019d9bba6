/*
 * embed_script.c -- a C program that runs Python code with minipy.
 *
 * It exposes a C function to Python (MpCFunction_New), runs a script that
 * calls it (MpRun_String), and reads the results back: the value of the
 * script's last expression, and a variable from the script's globals.
 *
 * Build and run (make builds it as build/examples/embed_script):
 *   cc -Iinclude examples/embed_script.c build/libminipy.a -lm
 */
#include <stdio.h>

#include "minipy.h"

/* scale(x, factor) -> x * factor, checked: both must be ints. */
static MpObject *
scale(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    long x, factor;

    (void)self;
    if (MpArg_CheckPositional("scale", nargs, 2, 2) < 0)
        return NULL;
    x = MpLong_AsLong(args[0]);
    if (x == -1 && MpErr_Occurred())
        return NULL;
    factor = MpLong_AsLong(args[1]);
    if (factor == -1 && MpErr_Occurred())
        return NULL;
    return MpLong_FromLong(x * factor);
}

static const char script[] =
    "total = 0\n"
    "for i in range(1, 6):\n"
    "    total += scale(i, 10)\n"
    "try:\n"
    "    scale('a', 2)\n"
    "except TypeError as e:\n"
    "    caught = str(e)\n"
    "[scale(n, n) for n in range(4)]\n";

int
main(void)
{
    MpObject *globals, *fn, *result, *total, *caught;

    if (Mp_Initialize() < 0)
        return 1;
    globals = MpDict_New();
    fn = MpCFunction_New("scale", scale, MP_METH_FASTCALL);
    if (globals == NULL || fn == NULL ||
        MpDict_SetItemString(globals, "scale", fn) < 0) {
        MpErr_Print();
        return 1;
    }

    /* The value of the last expression statement comes back to C. */
    result = MpRun_String(script, "<embedded>", globals);
    if (result == NULL) {
        MpErr_Print();
        return 1;
    }
    printf("last expression: ");
    MpObject_Print(result, stdout, 0);
    printf("\n");

    /* Variables the script set are in its globals (borrowed refs). */
    total = MpDict_GetItemString(globals, "total");
    caught = MpDict_GetItemString(globals, "caught");
    printf("total = %ld\n", MpLong_AsLong(total));
    printf("error seen by the script: %s\n", MpUnicode_AsUTF8(caught));

    /* An uncaught error in Python code reaches C as NULL + exception. */
    if (MpRun_String("scale(1)", "<embedded>", globals) == NULL) {
        printf("MpRun_String failed as expected: ");
        fflush(stdout);
        MpErr_Print();
    }

    Mp_DECREF(result);
    Mp_DECREF(fn);
    Mp_DECREF(globals);
    Mp_Finalize();
    return 0;
}
