/* The C test of librecourse: the shared conformance vectors (the same bytes the Rust runner
 * sends and expects, read from the manifest `cargo run -p recourse-payments-ffi --example
 * vector-manifest` writes) and every error path of the ABI.
 *
 * Usage: test_recourse VECTORS.manifest
 * Prints one line per failure and ends with "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recourse.h"

static int passed = 0;
static int failed = 0;

#define CHECK(cond, ...)                                                                       \
    do {                                                                                       \
        if (cond) {                                                                            \
            passed++;                                                                          \
        } else {                                                                               \
            failed++;                                                                          \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                               \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
        }                                                                                      \
    } while (0)

static const char ALLOCATE[] = "money.allocate";
static const char REQUEST[] =
    "{\"total\":{\"amount\":\"100.00\",\"currency\":\"BRL\"},\"ratios\":[1,1,1]}";

/* ---- the manifest ---- */

typedef struct {
    char *key;
    char *bytes;
    size_t len;
} record;

/* Reads one record; returns 0 at the end of the file or on a malformed record. */
static int read_record(FILE *f, record *r) {
    char key[64];
    size_t len = 0;
    if (fscanf(f, "%63s %zu", key, &len) != 2 || fgetc(f) != '\n') {
        return 0;
    }
    r->key = strdup(key);
    r->bytes = malloc(len + 1);
    if (r->key == NULL || r->bytes == NULL || fread(r->bytes, 1, len, f) != len ||
        fgetc(f) != '\n') {
        free(r->key);
        free(r->bytes);
        return 0;
    }
    r->bytes[len] = '\0';
    r->len = len;
    return 1;
}

static void free_record(record *r) {
    free(r->key);
    free(r->bytes);
    r->key = NULL;
    r->bytes = NULL;
    r->len = 0;
}

typedef struct {
    record file, operation, config, input, expected, error_code, error_path, pins_fingerprint;
} vector;

static void free_vector(vector *v) {
    free_record(&v->file);
    free_record(&v->operation);
    free_record(&v->config);
    free_record(&v->input);
    free_record(&v->expected);
    free_record(&v->error_code);
    free_record(&v->error_path);
    free_record(&v->pins_fingerprint);
}

/* ---- the receipt's fingerprint ----
 * Answers are compact JSON, so a small scanner finds the top-level `receipt` object and its
 * `engine_fingerprint` member, which only vectors with `pins_fingerprint` compare. */

static const char FINGERPRINT[] = "engine_fingerprint";

/* The index just after the string starting at s[i] ('"'), or 0 when it is not closed. */
static size_t skip_string(const char *s, size_t len, size_t i) {
    for (i++; i < len; i++) {
        if (s[i] == '\\') {
            i++;
        } else if (s[i] == '"') {
            return i + 1;
        }
    }
    return 0;
}

/* The index just after the compact JSON value starting at s[i], or 0 when it is cut short. */
static size_t skip_value(const char *s, size_t len, size_t i) {
    if (i >= len) {
        return 0;
    }
    if (s[i] == '"') {
        return skip_string(s, len, i);
    }
    if (s[i] != '{' && s[i] != '[') {
        while (i < len && s[i] != ',' && s[i] != '}' && s[i] != ']') {
            i++;
        }
        return i;
    }
    size_t depth = 0;
    while (i < len) {
        if (s[i] == '"') {
            i = skip_string(s, len, i);
            if (i == 0) {
                return 0;
            }
            continue;
        }
        if (s[i] == '{' || s[i] == '[') {
            depth++;
        } else if ((s[i] == '}' || s[i] == ']') && --depth == 0) {
            return i + 1;
        }
        i++;
    }
    return 0;
}

/* Finds member `key` of the object starting at s[object] ('{'): its value's index in *value,
 * and in [*from, *to) the member with one comma beside it, so that removing that span leaves
 * the object well formed. Returns 0 when the object has no such member. */
static int find_member(const char *s, size_t len, size_t object, const char *key, size_t *value,
                       size_t *from, size_t *to) {
    size_t klen = strlen(key);
    size_t i = object + 1;
    if (object >= len || s[object] != '{') {
        return 0;
    }
    while (i < len && s[i] == '"') {
        size_t key_end = skip_string(s, len, i);
        if (key_end == 0 || key_end >= len || s[key_end] != ':') {
            return 0;
        }
        size_t end = skip_value(s, len, key_end + 1);
        if (end == 0) {
            return 0;
        }
        if (key_end - i == klen + 2 && memcmp(s + i + 1, key, klen) == 0) {
            *value = key_end + 1;
            *from = i;
            *to = end;
            if (end < len && s[end] == ',') {
                *to = end + 1;
            } else if (i > object + 1) {
                *from = i - 1;
            }
            return 1;
        }
        i = end < len && s[end] == ',' ? end + 1 : end;
    }
    return 0;
}

/* The answer `s` as it is compared: a copy (to free) without the receipt's fingerprint
 * unless `pinned`; *out_len is its length. NULL when out of memory. */
static char *comparable(const char *s, size_t len, int pinned, size_t *out_len) {
    size_t receipt = 0, from = 0, to = 0, fingerprint = 0, skip_from = 0, skip_to = 0;
    if (!pinned && find_member(s, len, 0, "receipt", &receipt, &from, &to) &&
        find_member(s, len, receipt, FINGERPRINT, &fingerprint, &skip_from, &skip_to)) {
        from = skip_from;
        to = skip_to;
    } else {
        from = to = len;
    }
    char *copy = malloc(len - (to - from) + 1);
    if (copy == NULL) {
        return NULL;
    }
    memcpy(copy, s, from);
    memcpy(copy + from, s + to, len - to);
    *out_len = len - (to - from);
    copy[*out_len] = '\0';
    return copy;
}

/* Whether `actual` is the `expected` answer: the same bytes, leaving out the receipt's
 * fingerprint on both sides unless `pinned`. */
static int answers_match(const char *expected, size_t expected_len, const char *actual,
                         size_t actual_len, int pinned) {
    size_t a_len = 0, e_len = 0;
    char *a = comparable(actual, actual_len, pinned, &a_len);
    char *e = comparable(expected, expected_len, pinned, &e_len);
    int same = a != NULL && e != NULL && a_len == e_len && memcmp(a, e, a_len) == 0;
    free(a);
    free(e);
    return same;
}

static void run_vector(const recourse_engine *default_engine, vector *v) {
    const char *name = (const char *)v->file.bytes;
    recourse_engine *own = NULL;
    recourse_error *error = NULL;
    const recourse_engine *engine = default_engine;
    if (v->config.bytes != NULL) {
        recourse_status s = recourse_engine_new(v->config.bytes, v->config.len, &own, &error);
        if (s != RECOURSE_STATUS_OK) {
            /* A vector with a bad configuration expects the engine's own error. */
            CHECK(v->error_code.bytes != NULL && error != NULL && own == NULL &&
                      strcmp(recourse_error_code(error), v->error_code.bytes) == 0 &&
                      strcmp(recourse_error_path(error), v->error_path.bytes) == 0,
                  "%s: config refused: %s at %s", name, error ? recourse_error_code(error) : "?",
                  error ? recourse_error_path(error) : "?");
            recourse_error_free(&error);
            return;
        }
        engine = own;
    }
    recourse_buffer *out = NULL;
    recourse_status s = recourse_engine_call(engine, v->operation.bytes, v->operation.len,
                                             v->input.bytes, v->input.len, &out, &error);
    if (v->expected.bytes != NULL) {
        CHECK(s == RECOURSE_STATUS_OK && error == NULL, "%s: status %d, error %s", name, (int)s,
              error ? recourse_error_code(error) : "none");
        if (s == RECOURSE_STATUS_OK) {
            size_t len = recourse_buffer_len(out);
            const char *data = recourse_buffer_data(out);
            int pinned = v->pins_fingerprint.bytes != NULL;
            CHECK(answers_match(v->expected.bytes, v->expected.len, data, len, pinned),
                  "%s:\n expected %s\n   actual %.*s", name, (const char *)v->expected.bytes,
                  (int)len, (const char *)data);
            CHECK(data[len] == '\0', "%s: the buffer is not NUL-terminated", name);
        }
    } else {
        CHECK(s == RECOURSE_STATUS_ERROR && out == NULL, "%s: status %d, expected an error",
              name, (int)s);
        if (error != NULL) {
            CHECK(strcmp(recourse_error_code(error), v->error_code.bytes) == 0 &&
                      strcmp(recourse_error_path(error), v->error_path.bytes) == 0,
                  "%s: expected %s at %s, got %s at %s", name, v->error_code.bytes,
                  v->error_path.bytes, recourse_error_code(error),
                  recourse_error_path(error));
        }
    }
    recourse_buffer_free(&out);
    recourse_error_free(&error);
    recourse_engine_free(&own);
}

static int run_manifest(const recourse_engine *engine, const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    int count = 0;
    vector v;
    memset(&v, 0, sizeof v);
    record r;
    while (read_record(f, &r)) {
        record *slot = NULL;
        if (strcmp(r.key, "end") == 0) {
            free_record(&r);
            if (v.file.bytes != NULL) {
                run_vector(engine, &v);
                count++;
            }
            free_vector(&v);
            fclose(f);
            return count;
        } else if (strcmp(r.key, "file") == 0) {
            if (v.file.bytes != NULL) {
                run_vector(engine, &v);
                count++;
            }
            free_vector(&v);
            slot = &v.file;
        } else if (strcmp(r.key, "operation") == 0) {
            slot = &v.operation;
        } else if (strcmp(r.key, "config") == 0) {
            slot = &v.config;
        } else if (strcmp(r.key, "input") == 0) {
            slot = &v.input;
        } else if (strcmp(r.key, "expected") == 0) {
            slot = &v.expected;
        } else if (strcmp(r.key, "error_code") == 0) {
            slot = &v.error_code;
        } else if (strcmp(r.key, "error_path") == 0) {
            slot = &v.error_path;
        } else if (strcmp(r.key, "pins_fingerprint") == 0) {
            slot = &v.pins_fingerprint;
        }
        if (slot == NULL) {
            fprintf(stderr, "%s: unknown record %s\n", path, r.key);
            free_record(&r);
            break;
        }
        free_record(slot);
        *slot = r;
    }
    free_vector(&v);
    fclose(f);
    fprintf(stderr, "%s: truncated manifest\n", path);
    return -1;
}

/* ---- error paths ---- */

/* Calls `money.allocate` with `input` and checks the error code and path. */
static void expect_call_error(const recourse_engine *engine, const char *op, size_t op_len,
                              const char *input, size_t input_len, recourse_status status,
                              const char *code, const char *path) {
    recourse_buffer *out = NULL;
    recourse_error *error = NULL;
    recourse_status s =
        recourse_engine_call(engine, op, op_len, input, input_len, &out, &error);
    CHECK(s == status, "%s: status %d, expected %d", code, (int)s, (int)status);
    CHECK(out == NULL, "%s: an output was written on failure", code);
    CHECK(error != NULL, "%s: no error was written", code);
    if (error != NULL) {
        CHECK(strcmp(recourse_error_code(error), code) == 0, "expected %s, got %s", code,
              recourse_error_code(error));
        CHECK(strcmp(recourse_error_path(error), path) == 0, "%s: expected path %s, got %s", code,
              path, recourse_error_path(error));
        CHECK(strlen(recourse_error_message(error)) > 0, "%s: empty message", code);
    }
    recourse_buffer_free(&out);
    recourse_error_free(&error);
}

static void test_null_arguments(const recourse_engine *engine) {
    const size_t op_len = sizeof ALLOCATE - 1;
    const size_t in_len = sizeof REQUEST - 1;
    expect_call_error(NULL, ALLOCATE, op_len, REQUEST, in_len, RECOURSE_STATUS_NULL_ARGUMENT,
                      "ffi.null_argument", "engine");
    expect_call_error(engine, NULL, op_len, REQUEST, in_len, RECOURSE_STATUS_NULL_ARGUMENT,
                      "ffi.null_argument", "operation");
    expect_call_error(engine, ALLOCATE, op_len, NULL, in_len, RECOURSE_STATUS_NULL_ARGUMENT,
                      "ffi.null_argument", "input");
    /* A NULL pointer is an error even with a zero length. */
    expect_call_error(engine, ALLOCATE, op_len, NULL, 0, RECOURSE_STATUS_NULL_ARGUMENT,
                      "ffi.null_argument", "input");

    recourse_buffer *out = NULL;
    recourse_error *error = NULL;
    recourse_status s = recourse_engine_call(engine, ALLOCATE, op_len,
                                             REQUEST, in_len, NULL, &error);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT && error != NULL &&
              strcmp(recourse_error_path(error), "output_out") == 0,
          "NULL output_out: status %d", (int)s);
    recourse_error_free(&error);
    /* Without anywhere to put the error, the status alone reports it. */
    s = recourse_engine_call(engine, ALLOCATE, op_len, REQUEST,
                             in_len, &out, NULL);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT && out == NULL, "NULL error_out: status %d", (int)s);

    s = recourse_engine_call_batch(engine, ALLOCATE, op_len, NULL, 0, &out,
                                   &error);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT && out == NULL && error != NULL &&
              strcmp(recourse_error_path(error), "inputs") == 0,
          "batch with NULL inputs: status %d", (int)s);
    recourse_error_free(&error);

    recourse_engine *made = NULL;
    s = recourse_engine_new(NULL, 0, &made, &error);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT && made == NULL && error != NULL &&
              strcmp(recourse_error_path(error), "config") == 0,
          "engine from NULL config: status %d", (int)s);
    recourse_error_free(&error);
    s = recourse_engine_new("[store]\nname = \"x\"\n", 19, NULL, &error);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT && error != NULL &&
              strcmp(recourse_error_path(error), "engine_out") == 0,
          "engine to NULL: status %d", (int)s);
    recourse_error_free(&error);
    s = recourse_engine_new_default(NULL, &error);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT, "default engine to NULL: status %d", (int)s);
    recourse_error_free(&error);
    s = recourse_operations_list(NULL, &error);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT, "operations to NULL: status %d", (int)s);
    recourse_error_free(&error);
    s = recourse_config_check("{}", 2, NULL, &error);
    CHECK(s == RECOURSE_STATUS_NULL_ARGUMENT, "check to NULL: status %d", (int)s);
    recourse_error_free(&error);

    /* Accessors answer NULL (or 0) for NULL; free functions accept NULL. */
    CHECK(recourse_error_code(NULL) == NULL && recourse_error_path(NULL) == NULL &&
              recourse_error_message(NULL) == NULL,
          "error accessors on NULL");
    CHECK(recourse_buffer_data(NULL) == NULL && recourse_buffer_len(NULL) == 0,
          "buffer accessors on NULL");
    CHECK(recourse_engine_fingerprint(NULL) == NULL, "fingerprint of NULL");
    recourse_engine_free(NULL);
    recourse_buffer_free(NULL);
    recourse_error_free(NULL);
}

static void test_bad_inputs(const recourse_engine *engine) {
    const size_t op_len = sizeof ALLOCATE - 1;
    static const char bad_utf8[] = "{\"total\":{\"amount\":\"1\",\"currency\":\"\xff\xfe\"}}";
    expect_call_error(engine, ALLOCATE, op_len, bad_utf8, sizeof bad_utf8 - 1,
                      RECOURSE_STATUS_ERROR, "input.invalid_utf8", ".");
    static const char bad_op_utf8[] = "money.\xc3";
    expect_call_error(engine, bad_op_utf8, sizeof bad_op_utf8 - 1, REQUEST, sizeof REQUEST - 1,
                      RECOURSE_STATUS_ERROR, "input.invalid_utf8", "operation");
    static const char bad_json[] = "{\"total\": [";
    expect_call_error(engine, ALLOCATE, op_len, bad_json, sizeof bad_json - 1,
                      RECOURSE_STATUS_ERROR, "input.malformed_json", ".");
    expect_call_error(engine, ALLOCATE, op_len, "", 0, RECOURSE_STATUS_ERROR,
                      "input.malformed_json", ".");
    expect_call_error(engine, "money.divide", 12, REQUEST, sizeof REQUEST - 1,
                      RECOURSE_STATUS_ERROR, "input.unknown_operation", ".");
    /* The operation name is exactly the given bytes: no NUL termination is assumed. */
    expect_call_error(engine, ALLOCATE, op_len - 1, REQUEST, sizeof REQUEST - 1,
                      RECOURSE_STATUS_ERROR, "input.unknown_operation", ".");

    /* Oversize: one byte over the engine's limit. */
    recourse_engine *small = NULL;
    recourse_error *error = NULL;
    static const char config[] = "{\"store\":{\"name\":\"Small\"},\"limits\":{\"max_bytes\":64}}";
    recourse_status s =
        recourse_engine_new(config, sizeof config - 1, &small, &error);
    CHECK(s == RECOURSE_STATUS_OK && small != NULL && error == NULL, "small engine: %d", (int)s);
    char big[65];
    memset(big, ' ', sizeof big);
    expect_call_error(small, ALLOCATE, op_len, big, sizeof big, RECOURSE_STATUS_ERROR,
                      "input.too_large", ".");
    recourse_engine_free(&small);
    /* Oversize for the default engine too (4 MiB), and a length no allocation can have. */
    size_t huge_len = 4 * 1024 * 1024 + 1;
    char *huge = malloc(huge_len);
    if (huge != NULL) {
        memset(huge, ' ', huge_len);
        expect_call_error(engine, ALLOCATE, op_len, huge, huge_len, RECOURSE_STATUS_ERROR,
                          "input.too_large", ".");
        free(huge);
    }
    expect_call_error(engine, ALLOCATE, op_len, REQUEST, (size_t)-1, RECOURSE_STATUS_ERROR,
                      "input.too_large", "input");
}

static void test_configuration_errors(void) {
    struct {
        const char *text;
        const char *code;
        const char *path;
    } cases[] = {
        {"[store\n", "config.syntax", "."},
        {"{\"store\": ", "config.syntax", "."},
        /* A key the configuration does not define is not repeated: its object is named. */
        {"{\"store\":{\"name\":\"x\"},\"extra\":1}", "config.invalid", "."},
        {"[store]\nname = \" \"\n", "config.invalid", "store.name"},
        {"[store]\nname = \"\xff\"\n", "input.invalid_utf8", "config"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        recourse_engine *engine = NULL;
        recourse_error *error = NULL;
        recourse_status s = recourse_engine_new(cases[i].text,
                                                strlen(cases[i].text), &engine, &error);
        CHECK(s == RECOURSE_STATUS_ERROR && engine == NULL && error != NULL,
              "config %zu: status %d", i, (int)s);
        if (error != NULL) {
            CHECK(strcmp(recourse_error_code(error), cases[i].code) == 0 &&
                      strcmp(recourse_error_path(error), cases[i].path) == 0,
                  "config %zu: expected %s at %s, got %s at %s", i, cases[i].code, cases[i].path,
                  recourse_error_code(error), recourse_error_path(error));
        }
        recourse_error_free(&error);
    }
    /* TOML and JSON of the same configuration give the same engine. */
    static const char toml[] = "[store]\nname = \"Loja\"\n";
    static const char json[] = "{\"store\": {\"name\": \"Loja\"}}";
    recourse_engine *a = NULL, *b = NULL;
    recourse_error *error = NULL;
    CHECK(recourse_engine_new(toml, sizeof toml - 1, &a, &error) ==
                  RECOURSE_STATUS_OK &&
              recourse_engine_new(json, sizeof json - 1, &b, &error) ==
                  RECOURSE_STATUS_OK,
          "TOML and JSON configurations");
    if (a != NULL && b != NULL) {
        CHECK(strcmp(recourse_engine_fingerprint(a), recourse_engine_fingerprint(b)) == 0 &&
                  strncmp(recourse_engine_fingerprint(a), "sha256:", 7) == 0,
              "fingerprints differ");
    }
    recourse_engine_free(&a);
    recourse_engine_free(&b);
    recourse_error_free(&error);
}

static void test_batch_and_listing(const recourse_engine *engine) {
    static const char batch[] =
        "[{\"total\":{\"amount\":\"10\",\"currency\":\"JPY\"},\"ratios\":[1,1,1]},{\"total\":1}]";
    recourse_buffer *out = NULL;
    recourse_error *error = NULL;
    recourse_status s = recourse_engine_call_batch(engine, ALLOCATE,
                                                   sizeof ALLOCATE - 1, batch,
                                                   sizeof batch - 1, &out, &error);
    CHECK(s == RECOURSE_STATUS_OK && error == NULL, "batch: status %d", (int)s);
    if (s == RECOURSE_STATUS_OK) {
        const char *text = (const char *)recourse_buffer_data(out);
        CHECK(strncmp(text, "[{\"output\":{\"parts\":[{\"amount\":\"4\",\"currency\":\"JPY\"}", 50) ==
                      0,
              "batch: first answer %s", text);
        CHECK(strstr(text, "},{\"error\":{\"code\":\"input.invalid\"") != NULL &&
                  strstr(text, "\"path\":\"[1].total\"") != NULL,
              "batch: second answer %s", text);
    }
    recourse_buffer_free(&out);
    /* The same request alone gives the same bytes as inside the batch. */
    static const char one[] = "{\"total\":{\"amount\":\"10\",\"currency\":\"JPY\"},\"ratios\":[1,1,1]}";
    recourse_buffer *single = NULL;
    s = recourse_engine_call(engine, ALLOCATE, sizeof ALLOCATE - 1,
                             one, sizeof one - 1, &single, &error);
    recourse_status sb = recourse_engine_call_batch(engine, ALLOCATE,
                                                    sizeof ALLOCATE - 1, batch,
                                                    sizeof batch - 1, &out, &error);
    if (s == RECOURSE_STATUS_OK && sb == RECOURSE_STATUS_OK) {
        const char *inside = strstr((const char *)recourse_buffer_data(out), "{\"parts\"");
        size_t n = recourse_buffer_len(single);
        CHECK(inside != NULL && memcmp(inside, recourse_buffer_data(single), n) == 0,
              "batch and single answers differ");
    } else {
        CHECK(0, "batch and single calls failed: %d %d", (int)s, (int)sb);
    }
    recourse_buffer_free(&single);
    recourse_buffer_free(&out);

    expect_call_error(engine, ALLOCATE, sizeof ALLOCATE - 1, "{}", 2, RECOURSE_STATUS_ERROR,
                      "input.invalid", ".");
    s = recourse_engine_call_batch(engine, ALLOCATE, sizeof ALLOCATE - 1,
                                   "{}", 2, &out, &error);
    CHECK(s == RECOURSE_STATUS_ERROR && out == NULL && error != NULL &&
              strcmp(recourse_error_code(error), "input.malformed_json") == 0,
          "batch of a non-array: status %d", (int)s);
    recourse_error_free(&error);

    s = recourse_operations_list(&out, &error);
    CHECK(s == RECOURSE_STATUS_OK &&
              strstr((const char *)recourse_buffer_data(out), "{\"name\":\"money.allocate\"") != NULL,
          "operations list");
    recourse_buffer_free(&out);
}

/* A configuration's problems, every one with its path, without an engine. */
static void test_config_check(void) {
    static const char bad[] = "{\"store\": {\"name\": \" \"}, \"limits\": {\"max_list\": 0}}";
    static const char good[] = "[store]\nname = \"Loja\"\n";
    recourse_buffer *out = NULL;
    recourse_error *error = NULL;
    recourse_status s = recourse_config_check(bad, sizeof bad - 1, &out, &error);
    CHECK(s == RECOURSE_STATUS_OK && out != NULL && error == NULL, "check: status %d", (int)s);
    if (out != NULL) {
        const char *text = recourse_buffer_data(out);
        CHECK(text[0] == '[' && strstr(text, "\"path\":\"store.name\"") != NULL &&
                  strstr(text, "\"path\":\"limits.max_list\"") != NULL,
              "check lists every problem: %s", text);
    }
    recourse_buffer_free(&out);
    s = recourse_config_check(good, sizeof good - 1, &out, &error);
    CHECK(s == RECOURSE_STATUS_OK && out != NULL &&
              strcmp(recourse_buffer_data(out), "[]") == 0,
          "a valid configuration has no problems");
    recourse_buffer_free(&out);
    s = recourse_config_check("\xff", 1, &out, &error);
    CHECK(s == RECOURSE_STATUS_ERROR && out == NULL && error != NULL &&
              strcmp(recourse_error_code(error), "input.invalid_utf8") == 0,
          "check of bytes that are not UTF-8: status %d", (int)s);
    recourse_error_free(&error);
}

static void test_ownership_rules(void) {
    /* Freeing a variable sets it to NULL, so a second free of the same variable does
     * nothing (the documented double-free guard). */
    recourse_engine *engine = NULL;
    recourse_error *error = NULL;
    CHECK(recourse_engine_new_default(&engine, &error) == RECOURSE_STATUS_OK, "default engine");
    recourse_engine_free(&engine);
    CHECK(engine == NULL, "engine not reset by free");
    recourse_engine_free(&engine);

    expect_call_error(NULL, ALLOCATE, sizeof ALLOCATE - 1, "{}", 2,
                      RECOURSE_STATUS_NULL_ARGUMENT, "ffi.null_argument", "engine");
    recourse_engine_new(NULL, 0, &engine, &error);
    CHECK(error != NULL, "no error");
    recourse_error_free(&error);
    CHECK(error == NULL, "error not reset by free");
    recourse_error_free(&error);

    recourse_buffer *out = NULL;
    CHECK(recourse_operations_list(&out, &error) == RECOURSE_STATUS_OK, "operations");
    recourse_buffer_free(&out);
    CHECK(out == NULL, "buffer not reset by free");
    recourse_buffer_free(&out);
}

/* Removes the receipt's fingerprint from `text` and compares the rest with `want`. */
static void expect_comparable(const char *text, const char *want) {
    size_t len = 0;
    char *got = comparable(text, strlen(text), 0, &len);
    CHECK(got != NULL && strcmp(got, want) == 0, "%s without its fingerprint: %s", text,
          got ? got : "NULL");
    free(got);
}

/* A wrong fingerprint fails only a vector that pins it; the rest of the receipt counts. */
static void test_fingerprint_pinning(const recourse_engine *engine) {
    recourse_buffer *out = NULL;
    recourse_error *error = NULL;
    recourse_status s = recourse_engine_call(engine, ALLOCATE, strlen(ALLOCATE), REQUEST,
                                             strlen(REQUEST), &out, &error);
    CHECK(s == RECOURSE_STATUS_OK, "the allocation failed");
    if (s != RECOURSE_STATUS_OK) {
        recourse_error_free(&error);
        return;
    }
    const char *answer = recourse_buffer_data(out);
    size_t len = recourse_buffer_len(out);
    size_t receipt = 0, fingerprint = 0, from = 0, to = 0;
    int found = find_member(answer, len, 0, "receipt", &receipt, &from, &to) &&
                find_member(answer, len, receipt, FINGERPRINT, &fingerprint, &from, &to);
    CHECK(found && strncmp(answer + fingerprint, "\"sha256:", 8) == 0, "no fingerprint in %s",
          answer);
    char *wrong = strdup(answer);
    char *digest = strdup(answer);
    size_t without_len = 0;
    char *without = comparable(answer, len, 0, &without_len);
    if (found && wrong != NULL && digest != NULL && without != NULL) {
        memset(wrong + fingerprint + 8, '0', 64);
        char *input_digest = strstr(digest, "\"input_digest\":\"sha256:");
        CHECK(input_digest != NULL, "no input digest in %s", answer);
        if (input_digest != NULL) {
            input_digest[24] = input_digest[24] == '0' ? '1' : '0';
        }
        CHECK(strcmp(wrong, answer) != 0 && strstr(without, FINGERPRINT) == NULL, "%s", without);
        CHECK(answers_match(wrong, len, answer, len, 0), "a wrong unpinned fingerprint failed");
        CHECK(!answers_match(wrong, len, answer, len, 1), "a wrong pinned fingerprint passed");
        CHECK(answers_match(answer, len, answer, len, 1), "the right pinned fingerprint failed");
        CHECK(answers_match(without, without_len, answer, len, 0), "no fingerprint, unpinned");
        CHECK(!answers_match(without, without_len, answer, len, 1), "no fingerprint, pinned");
        CHECK(!answers_match(digest, len, answer, len, 0), "a wrong input digest passed");
    }
    free(wrong);
    free(digest);
    free(without);
    recourse_buffer_free(&out);
    /* Only the top-level receipt's fingerprint goes, wherever the receipt stands. */
    expect_comparable("{\"a\":1,\"receipt\":{\"engine_fingerprint\":\"x\"},\"z\":[1]}",
                      "{\"a\":1,\"receipt\":{},\"z\":[1]}");
    expect_comparable("{\"b\":{\"receipt\":{\"engine_fingerprint\":\"x\"}},\"receipt\":"
                      "{\"engine_fingerprint\":\"y\",\"input_digest\":\"d\"}}",
                      "{\"b\":{\"receipt\":{\"engine_fingerprint\":\"x\"}},\"receipt\":"
                      "{\"input_digest\":\"d\"}}");
    expect_comparable("{\"receipt\":{\"a\":\"}\\\"\",\"engine_fingerprint\":\"y\"}}",
                      "{\"receipt\":{\"a\":\"}\\\"\"}}");
    expect_comparable("[{\"receipt\":{\"engine_fingerprint\":\"y\"}}]",
                      "[{\"receipt\":{\"engine_fingerprint\":\"y\"}}]");
}

static void test_versions(void) {
    CHECK(recourse_abi_version() == RECOURSE_ABI_VERSION, "ABI version %u, header %u",
          recourse_abi_version(), (unsigned)RECOURSE_ABI_VERSION);
    const char *v = recourse_version();
    CHECK(v != NULL && strlen(v) >= 5 && strchr(v, '.') != NULL, "version %s", v ? v : "NULL");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS.manifest\n", argv[0]);
        return 2;
    }
    recourse_engine *engine = NULL;
    recourse_error *error = NULL;
    if (recourse_engine_new_default(&engine, &error) != RECOURSE_STATUS_OK) {
        fprintf(stderr, "the default engine failed: %s\n", recourse_error_message(error));
        recourse_error_free(&error);
        return 1;
    }
    int vectors = run_manifest(engine, argv[1]);
    CHECK(vectors > 0, "no vectors were run from %s", argv[1]);
    printf("conformance vectors run: %d\n", vectors);
    test_null_arguments(engine);
    test_bad_inputs(engine);
    test_configuration_errors();
    test_batch_and_listing(engine);
    test_config_check();
    test_fingerprint_pinning(engine);
    test_ownership_rules();
    test_versions();
    recourse_engine_free(&engine);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
