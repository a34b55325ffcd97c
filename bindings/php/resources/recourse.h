typedef enum {
    RECOURSE_STATUS_OK = 0,
    RECOURSE_STATUS_NULL_ARGUMENT = 1,
    RECOURSE_STATUS_ERROR = 2,
    RECOURSE_STATUS_PANIC = 3,
} recourse_status;
typedef struct recourse_buffer recourse_buffer;
typedef struct recourse_engine recourse_engine;
typedef struct recourse_error recourse_error;
const char *recourse_version(void);
uint32_t recourse_abi_version(void);
recourse_status recourse_engine_new(const char *config,
                                    size_t config_len,
                                    recourse_engine **engine_out,
                                    recourse_error **error_out);
recourse_status recourse_engine_new_default(recourse_engine **engine_out,
                                            recourse_error **error_out);
void recourse_engine_free(recourse_engine **engine);
const char *recourse_engine_fingerprint(const recourse_engine *engine);
recourse_status recourse_engine_call(const recourse_engine *engine,
                                     const char *operation,
                                     size_t operation_len,
                                     const char *input,
                                     size_t input_len,
                                     recourse_buffer **output_out,
                                     recourse_error **error_out);
recourse_status recourse_engine_call_batch(const recourse_engine *engine,
                                           const char *operation,
                                           size_t operation_len,
                                           const char *inputs,
                                           size_t inputs_len,
                                           recourse_buffer **output_out,
                                           recourse_error **error_out);
recourse_status recourse_operations_list(recourse_buffer **output_out,
                                         recourse_error **error_out);
recourse_status recourse_config_check(const char *config,
                                      size_t config_len,
                                      recourse_buffer **output_out,
                                      recourse_error **error_out);
const char *recourse_buffer_data(const recourse_buffer *buffer);
size_t recourse_buffer_len(const recourse_buffer *buffer);
void recourse_buffer_free(recourse_buffer **buffer);
const char *recourse_error_code(const recourse_error *error);
const char *recourse_error_path(const recourse_error *error);
const char *recourse_error_message(const recourse_error *error);
void recourse_error_free(recourse_error **error);
