/**
 * Import of a PyTorch {@code state_dict} saved as HDF5 into the DL4J graph, with the LSTM gate order converted, every
 * shape checked and the model configuration read from the file or given; apart from {@code model} so that the model
 * module has no HDF5 natives.
 */
package io.videoseq.torch;
