/** The labs, one file each: their steps, what each observes, and why the kernel does so, from the seeds. */
package nscope.app.lab.labs;
