# needs: core
# a file opened for writing cannot be read (CPython: io.UnsupportedOperation, an OSError)
f = open('w.txt', 'w')
print(f.writable())
f.read()
