#ifndef VET_CGIT2_SHIM_H
#define VET_CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <zlib.h>

/* Swift cannot call C variadic functions; each inline below wraps one form of one. */

/* Wraps git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, on). */
static inline int vet_opts_strict_hash_verification(int on) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, on);
}

/* Wraps git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, on). */
static inline int vet_opts_fsync_gitdir(int on) {
  return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, on);
}

/* Wraps git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path). */
static inline int vet_opts_set_search_path(git_config_level_t level, const char *path) {
  return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

/* Wraps git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes). */
static inline int vet_opts_set_cache_max_size(size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)bytes);
}

/* Wraps git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes). */
static inline int vet_opts_set_mwindow_size(size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes);
}

/* Wraps git_libgit2_opts(GIT_OPT_GET_MWINDOW_SIZE, &bytes). */
static inline int vet_opts_get_mwindow_size(size_t *bytes) {
  return git_libgit2_opts(GIT_OPT_GET_MWINDOW_SIZE, bytes);
}

/* Wraps git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &bytes). */
static inline int vet_opts_get_mwindow_mapped_limit(size_t *bytes) {
  return git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, bytes);
}

/* Wraps git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &current, &allowed): the cache's limit. */
static inline int vet_opts_get_cache_max_size(ssize_t *allowed) {
  ssize_t current = 0;
  return git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &current, allowed);
}

/* Wraps git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes). */
static inline int vet_opts_set_mwindow_mapped_limit(size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes);
}

/* Wraps git_libgit2_opts(GIT_OPT_ENABLE_OFS_DELTA, on). */
static inline int vet_opts_enable_ofs_delta(int on) {
  return git_libgit2_opts(GIT_OPT_ENABLE_OFS_DELTA, on);
}

/* Wraps git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes). */
static inline int vet_opts_set_cache_object_limit(git_object_t type, size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

/* Wraps git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path). */
static inline int vet_opts_set_ssl_cert_locations(const char *file, const char *path) {
  return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}

/* Wraps the inflateInit(strm) macro, which Swift cannot call. */
static inline int vet_inflate_init(z_stream *strm) {
  return inflateInit(strm);
}

/* Wraps the deflateInit(strm, level) macro, which Swift cannot call. */
static inline int vet_deflate_init(z_stream *strm, int level) {
  return deflateInit(strm, level);
}

/* An object database backend with a pointer back to the Swift object that
   implements it: libgit2 hands callbacks only the git_odb_backend, which is
   the first member, so a callback can find its payload from it. */
typedef struct vet_odb_backend {
  git_odb_backend parent;
  void *payload;
} vet_odb_backend;

/* A pack writer handed out by a vet_odb_backend, likewise with its payload. */
typedef struct vet_odb_writepack {
  git_odb_writepack parent;
  void *payload;
} vet_odb_writepack;

/* The GIT_OID_HEXSZ macro, as a value Swift can read. */
static inline int vet_oid_hexsize(void) { return GIT_OID_HEXSZ; }

#endif
