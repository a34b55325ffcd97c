/* Splits an amount across ratios with librecourse, to the last minor unit.
 *
 *   ./allocate 100.00 BRL 1 1 1
 *   {"parts":[{"amount":"33.34","currency":"BRL"},...],"receipt":{...}}
 *
 * Build: make (uses pkg-config's recourse.pc). Copy this file as the start of your own host:
 * every operation is called the same way, by name, with JSON in and JSON out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <recourse.h>

/* Appends `text` to `out` as a JSON string. Returns the new length, or 0 when out of room. */
static size_t put_string(char *out, size_t at, size_t cap, const char *text) {
    if (at + 1 >= cap) return 0;
    out[at++] = '"';
    for (const char *c = text; *c != '\0'; c++) {
        if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20) return 0; /* keep it simple */
        if (at + 1 >= cap) return 0;
        out[at++] = *c;
    }
    if (at + 1 >= cap) return 0;
    out[at++] = '"';
    return at;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s AMOUNT CURRENCY RATIO...\n", argv[0]);
        return 2;
    }
    if (recourse_abi_version() != RECOURSE_ABI_VERSION) {
        fprintf(stderr, "librecourse ABI %u, this program was built for %u\n",
                recourse_abi_version(), (unsigned)RECOURSE_ABI_VERSION);
        return 1;
    }

    /* The request: {"total":{"amount":"100.00","currency":"BRL"},"ratios":["1","1","1"]}. */
    char request[4096];
    size_t n = (size_t)snprintf(request, sizeof request, "{\"total\":{\"amount\":");
    n = put_string(request, n, sizeof request, argv[1]);
    if (n != 0) n += (size_t)snprintf(request + n, sizeof request - n, ",\"currency\":");
    if (n != 0) n = put_string(request, n, sizeof request, argv[2]);
    if (n != 0) n += (size_t)snprintf(request + n, sizeof request - n, "},\"ratios\":[");
    for (int i = 3; i < argc && n != 0; i++) {
        if (i > 3) request[n++] = ',';
        n = put_string(request, n, sizeof request, argv[i]);
    }
    if (n == 0 || n + 3 > sizeof request) {
        fprintf(stderr, "arguments too long or with quotes\n");
        return 2;
    }
    request[n++] = ']';
    request[n++] = '}';

    /* One engine per process: build it once, share it between threads, free it at exit. */
    recourse_engine *engine = NULL;
    recourse_error *error = NULL;
    if (recourse_engine_new_default(&engine, &error) != RECOURSE_STATUS_OK) {
        fprintf(stderr, "%s: %s\n", recourse_error_code(error), recourse_error_message(error));
        recourse_error_free(&error);
        return 1;
    }

    static const char op[] = "money.allocate";
    recourse_buffer *answer = NULL;
    recourse_status status = recourse_engine_call(engine, op, strlen(op),
                                                  request, n, &answer, &error);
    int exit_code = 0;
    if (status == RECOURSE_STATUS_OK) {
        fwrite(recourse_buffer_data(answer), 1, recourse_buffer_len(answer), stdout);
        putchar('\n');
    } else {
        /* The stable code is for programs; the path says which field; the message is for you. */
        fprintf(stderr, "%s at %s: %s\n", recourse_error_code(error), recourse_error_path(error),
                recourse_error_message(error));
        exit_code = 1;
    }
    recourse_buffer_free(&answer);
    recourse_error_free(&error);
    recourse_engine_free(&engine);
    return exit_code;
}
