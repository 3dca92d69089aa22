#!/usr/bin/python3
"""Opens an HDF5 file written by Recur's Hdf5Writer (Hdf5WriterTests.Sample) with h5py and checks every value.

Usage: check_h5py.py FILE. Exit status 0 and "ok" when h5py reads back exactly what the .NET test wrote.
"""
import sys
import h5py
import numpy as np


def main(path):
    with h5py.File(path, "r") as f:
        assert f.attrs["title"] == "grüße, Recur", f.attrs["title"]
        assert list(f.attrs["names"]) == ["a", "bc", ""], list(f.attrs["names"])
        assert f.attrs["count"] == -7 and f.attrs["count"].dtype == np.int64
        assert list(f.attrs["doubles"]) == [0.5, -1.25]
        assert f.attrs["long_json"] == "[" + ",".join(str(i) for i in range(20000)) + "]"
        k = f["layers/dense/vars/0"]
        assert k.dtype == np.float32 and k.shape == (3, 4)
        assert np.array_equal(k[()], (np.arange(12, dtype=np.float32) / 4).reshape(3, 4))
        assert f["layers/dense/vars"].attrs["name"] == "dense"
        assert f["scalar"].shape == () and f["scalar"][()] == np.float32(2.5)
        assert f["step"].dtype == np.int64 and f["step"][()] == 42
        assert f["empty"].shape == (0, 3)
        assert len(f["empty_group"]) == 0
        many = f["many"]
        assert len(many) == 40
        for i in range(40):                      # lookups by name exercise the B-tree keys
            assert many[f"v{i}"][()].tolist() == [float(i)], i
        assert f["many/v17"].attrs["index"] == 17
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
