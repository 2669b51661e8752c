/**
 * Image references, the build plan (base image, tags, labels, VDDK 9 compatibility link), the default Dockerfile
 * and the check of custom Dockerfiles.
 */
package io.forkliftvddk.core.image;
