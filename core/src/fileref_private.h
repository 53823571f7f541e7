/* folio — opening a file named on the command line without blocking. */
#ifndef FOLIO_FILEREF_PRIVATE_H
#define FOLIO_FILEREF_PRIVATE_H

/* open(path, O_RDONLY) that never blocks in open itself: a FIFO nobody
 * writes to would wait there forever, so it is opened with O_NONBLOCK, which
 * is then cleared (a pipe with a writer reads as usual; one without reads as
 * empty). Returns the descriptor, or -1 with errno set. */
int folio_open_read(const char *path);

#endif
