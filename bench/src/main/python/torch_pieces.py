"""PyTorch 1.13 time of the model's hot pieces alone, one thread, bench shapes (batch 48, lengths 24-40 padded to
40): one packed bidirectional nn.LSTM layer, nn.MultiheadAttention, and torch.mm at the input-GEMM and
recurrent-GEMM shapes, for the full (1536->768) and small (512->256) configs. For bench/RESULTS.md.
Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/src/main/python/torch_pieces.py
"""
import torch, time
torch.set_num_threads(1)
torch.manual_seed(0)
b,T=48,40
g=torch.Generator().manual_seed(1)
lengths=torch.randint(24,41,(b,),generator=g)
for (nin,H) in [(1536,768),(512,256)]:
    lstm=torch.nn.LSTM(nin,H,1,batch_first=True,bidirectional=True).eval()
    x=torch.randn(b,T,nin)
    with torch.no_grad():
        for rep in range(4):
            t=time.perf_counter()
            p=torch.nn.utils.rnn.pack_padded_sequence(x,lengths,batch_first=True,enforce_sorted=False)
            out,_=lstm(p)
            o,_=torch.nn.utils.rnn.pad_packed_sequence(out,batch_first=True,total_length=T)
            dt=time.perf_counter()-t
        print(nin,H,'infer one BiLSTM layer',round(dt,4),'s')
    mha=torch.nn.MultiheadAttention(2*H, 12 if H==768 else 4, batch_first=True).eval()
    y=torch.randn(b,T,2*H)
    with torch.no_grad():
        for rep in range(4):
            t=time.perf_counter(); mha(y,y,y,key_padding_mask=None); dt=time.perf_counter()-t
    print(nin,H,'infer MHA',round(dt,4))
    a=torch.randn(b*T,nin); w=torch.randn(4*H,nin)
    for rep in range(3):
        t=time.perf_counter(); torch.mm(a,w.t()); dt=time.perf_counter()-t
    print('mm',b*T,nin,4*H, round(2*b*T*nin*4*H/dt/1e9,1),'GFLOP/s')
    hh=torch.randn(48,H); rw=torch.randn(4*H,H)
    for rep in range(50):
        t=time.perf_counter(); torch.mm(hh,rw.t()); dt=time.perf_counter()-t
    print('mm',48,H,4*H, round(2*48*H*4*H/dt/1e9,1),'GFLOP/s')
